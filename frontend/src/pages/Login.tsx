// Sign in: the server's problem+json is shown as is, and 429 says how long to wait.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { TextField } from '../components/fields';
import { Problem } from '../components/Problem';
import { t } from '../i18n';
import type { Session } from '../types';

export function Login({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = needCode ? { username, password, code } : { username, password };
      const s = await request<Session>('POST', '/session', { body, quiet401: true });
      onSignedIn(s);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, 'network', '');
      if (e.code === 'second_factor_required') {
        setNeedCode(true); // the password was right: keep it for the second step
      } else {
        setError(e);
        setPassword('');
      }
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow" aria-labelledby="login-h">
      <h1 id="login-h">{t('login.title')}</h1>
      <form onSubmit={submit}>
        <TextField id="username" label={t('login.username')} value={username} onInput={setUsername}
          autoComplete="username" required />
        <TextField id="password" type="password" label={t('login.password')} value={password}
          onInput={setPassword} autoComplete="current-password" required />
        {needCode && (
          <>
            <p role="status">{t('login.code_needed')}</p>
            <TextField id="code" label={t('login.code')} value={code} onInput={setCode}
              autoComplete="one-time-code" required />
          </>
        )}
        <div class="actions">
          <button type="submit" disabled={busy || !username || !password || (needCode && !code)}>
            {busy ? t('login.signing_in') : t('login.submit')}
          </button>
        </div>
        {error?.status === 401 && (
          <div class="alert error" role="alert">
            {t('login.bad_credentials')}
            {error.detail && <div class="detail">{error.detail}</div>}
          </div>
        )}
        {error?.status === 429 && (
          <div class="alert error" role="alert">
            {t('login.rate_limited')}
            {error.detail && <div class="detail">{error.detail}</div>}
          </div>
        )}
        {error && error.status !== 401 && error.status !== 429 && <Problem error={error} />}
      </form>
    </section>
  );
}

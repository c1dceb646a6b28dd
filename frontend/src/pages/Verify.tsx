// The public verification page the QR code points at: no login, and nothing about the person
// beyond initials and birth year. An uploaded PDF is compared with the signed original.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, request } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, label, t } from '../i18n';
import type { VerifyInfo } from '../types';
import { formName } from '../words';
import { useTitle } from '../useTitle';

interface UploadAnswer {
  matches: boolean;
  status: string;
  reason?: string;
}

export function Verify({ token }: { token: string }) {
  useTitle(t('verify.title'));
  const [info, setInfo] = useState<VerifyInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const path = '/verify/' + encodeURIComponent(token);

  useEffect(() => {
    api.get<VerifyInfo>(path).then(setInfo, (e) => setError(e as ApiError));
  }, [token]);

  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setAnswer(null);
    setUploadError(null);
    const fd = new FormData();
    fd.append('file', file);
    try {
      setAnswer(await request<UploadAnswer>('POST', path, { form: fd }));
    } catch (err) {
      setUploadError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (error) {
    return (
      <section class="card narrow" aria-labelledby="verify-h">
        <h1 id="verify-h">{t('verify.title')}</h1>
        {error.status === 404 ? <div class="alert error" role="alert">{t('verify.unknown')}</div> : <Problem error={error} />}
      </section>
    );
  }
  if (!info) return <p role="status">{t('common.loading')}</p>;
  const valid = info.status === 'valid';

  return (
    <section class="card narrow" aria-labelledby="verify-h">
      <h1 id="verify-h">{t('verify.title')}</h1>
      <div class={'alert ' + (valid ? 'ok' : 'error')} role="status" data-testid="verify-status">
        <strong>
          {valid
            ? t('verify.authentic')
            : info.status === 'revoked'
              ? t('verify.revoked')
              : t('verify.not_current', { status: label('fstatus', info.status) })}
        </strong>
      </div>
      {info.not_done_line && (
        <div class="alert warn" role="note" data-testid="verify-not-done">
          <strong>{info.not_done_line}</strong>
        </div>
      )}
      <dl class="kv">
        <dt>{t('verify.form_type')}</dt>
        <dd data-testid="verify-form-name">{formName(info.form_type)}</dd>
        <dt>{t('verify.status')}</dt>
        <dd>{label('fstatus', info.status)}</dd>
        <dt>{t('verify.issued')}</dt>
        <dd>{dateTime(info.issued_at, info.site_timezone || undefined)}</dd>
        {info.revoked_at && (
          <>
            <dt>{t('verify.revoked_at')}</dt>
            <dd data-testid="verify-revoked-at">{dateTime(info.revoked_at, info.site_timezone || undefined)}</dd>
          </>
        )}
        <dt>{t('verify.site')}</dt>
        <dd>{info.site}</dd>
        <dt>{t('verify.signer')}</dt>
        <dd>{info.signer}</dd>
        <dt>{t('verify.person')}</dt>
        <dd>{t('verify.person_value', { initials: info.initials, year: info.birth_year })}</dd>
      </dl>
      <form onSubmit={upload}>
        <h2>{t('verify.upload_title')}</h2>
        <p class="hint">{t('verify.upload_hint')}</p>
        <div class="field wide">
          <label for="verify-file">{t('verify.file')}</label>
          <input id="verify-file" type="file" accept="application/pdf,.pdf"
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        <div class="actions">
          <button type="submit" disabled={!file || busy}>{busy ? t('verify.checking') : t('verify.check')}</button>
        </div>
        {answer && (
          <div class={'alert ' + (answer.matches ? 'ok' : 'error')} role="status" data-testid="verify-upload">
            <strong>{answer.matches ? t('verify.matches') : t('verify.no_match')}</strong>
            {answer.reason && <div class="detail">{answer.reason}</div>}
          </div>
        )}
        <Problem error={uploadError} />
      </form>
    </section>
  );
}

// Import a flight manifest: a check first (dry run) with every problem by line and column, then
// the booking. All or nothing: while the file has a problem nobody is booked.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { Problem } from '../components/Problem';
import { t } from '../i18n';
import { Link } from '../router';
import { useTitle } from '../useTitle';

interface ManifestAnswer {
  flights: number;
  passengers: number;
  unchanged: number;
  errors: { line: number; column: string; message: string }[];
  dry_run: boolean;
  imported: boolean;
}

export function ManifestImport() {
  useTitle(t('man.title'));
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<ManifestAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [hint, setHint] = useState('');

  const send = async (dryRun: boolean) => {
    if (!file) return setHint(t('imp.choose_file'));
    setHint('');
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('dry_run', dryRun ? 'true' : 'false');
    try {
      setAnswer(await request<ManifestAnswer>('POST', '/imports/manifest', { form }));
    } catch (e) {
      setAnswer(null);
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };

  const a = answer;
  return (
    <section aria-labelledby="man-h">
      <h1 id="man-h">{t('man.title')}</h1>
      <p>{t('man.intro')}</p>
      <div class="card">
        <div class="field">
          <label for="man-file">{t('imp.file')}</label>
          <input id="man-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile((e.target as HTMLInputElement).files?.[0] ?? null); setAnswer(null); setError(null); }} />
        </div>
        {hint && <p class="alert warn" role="alert">{hint}</p>}
        <div class="actions">
          <button type="button" class="secondary" disabled={busy} onClick={() => void send(true)}>
            {busy ? t('imp.working') : t('imp.preview')}
          </button>
          {a && a.dry_run && a.errors.length === 0 && a.passengers > 0 && (
            <button type="button" disabled={busy} onClick={() => void send(false)}>{t('man.import', { n: a.passengers })}</button>
          )}
        </div>
        <Problem error={error} />
      </div>
      {a && (
        <div class="card" data-testid="manifest-result">
          <p role="status" class={a.imported ? 'alert info' : ''}>
            {t(a.imported ? 'man.done' : 'man.summary', { flights: a.flights, passengers: a.passengers, unchanged: a.unchanged })}
          </p>
          {a.imported && <p><Link href="/flights">{t('nav.flights')}</Link></p>}
          {a.errors.length > 0 && (
            <>
              <p class="alert error" role="alert">{t('imp.problems', { n: a.errors.length })}</p>
              <table class="grid" data-testid="manifest-problems">
                <thead><tr><th>{t('imp.line')}</th><th>{t('imp.column')}</th><th>{t('imp.message')}</th></tr></thead>
                <tbody>
                  {a.errors.map((e, i) => <tr key={i}><td>{e.line || ''}</td><td>{e.column}</td><td>{e.message}</td></tr>)}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}

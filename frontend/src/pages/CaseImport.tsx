// Import a resettlement case list: preview (dry run) with every problem by line and column, then
// import. Nothing is added while the file has a problem.
import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { Problem } from '../components/Problem';
import { label, t } from '../i18n';
import { useTitle } from '../useTitle';

interface ImportProblem {
  line: number;
  column: string;
  message: string;
}

interface ImportAnswer {
  cases: number;
  people: number;
  unchanged: number;
  errors: ImportProblem[];
  dry_run: boolean;
  imported: boolean;
  preview: { line: number; case_number: string; status: string; members: string[] }[];
}

export function CaseImport() {
  useTitle(t('imp.title'));
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [hint, setHint] = useState('');

  const send = async (dryRun: boolean) => {
    if (!file) {
      setHint(t('imp.choose_file'));
      return;
    }
    setHint('');
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('dry_run', dryRun ? 'true' : 'false');
    try {
      setAnswer(await request<ImportAnswer>('POST', '/imports/cases', { form }));
    } catch (e) {
      setAnswer(null);
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };

  const newCases = answer?.preview.filter((p) => p.status === 'new').length ?? 0;
  return (
    <section aria-labelledby="imp-h">
      <h1 id="imp-h">{t('imp.title')}</h1>
      <p>{t('imp.intro')}</p>
      <div class="card">
        <div class="field">
          <label for="imp-file">{t('imp.file')}</label>
          <input id="imp-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile((e.target as HTMLInputElement).files?.[0] ?? null); setAnswer(null); setError(null); }} />
        </div>
        {hint && <p class="alert warn" role="alert">{hint}</p>}
        <div class="actions">
          <button type="button" class="secondary" disabled={busy} onClick={() => void send(true)}>
            {busy ? t('imp.working') : t('imp.preview')}
          </button>
          {answer && answer.dry_run && answer.errors.length === 0 && newCases > 0 && (
            <button type="button" disabled={busy} onClick={() => void send(false)}>{t('imp.import', { n: newCases })}</button>
          )}
        </div>
        <Problem error={error} />
      </div>
      {answer && <ImportResult a={answer} />}
    </section>
  );
}

function ImportResult({ a }: { a: ImportAnswer }) {
  return (
    <div class="card" data-testid="import-result">
      <p role="status" class={a.imported ? 'alert info' : ''}>
        {a.imported
          ? t('imp.done', { cases: a.cases, people: a.people, unchanged: a.unchanged })
          : t('imp.summary', { cases: a.cases, people: a.people, unchanged: a.unchanged })}
      </p>
      {a.errors.length > 0 && (
        <>
          <p class="alert error" role="alert">{t('imp.problems', { n: a.errors.length })}</p>
          <table class="grid" data-testid="import-problems">
            <thead><tr><th>{t('imp.line')}</th><th>{t('imp.column')}</th><th>{t('imp.message')}</th></tr></thead>
            <tbody>
              {a.errors.map((e, i) => (
                <tr key={i}><td>{e.line || ''}</td><td>{e.column}</td><td>{e.message}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <table class="grid" data-testid="import-preview">
        <thead><tr><th>{t('imp.line')}</th><th>{t('imp.case')}</th><th>{t('imp.status')}</th><th>{t('imp.members')}</th></tr></thead>
        <tbody>
          {a.preview.map((p) => (
            <tr key={p.case_number + p.line}>
              <td>{p.line}</td><td>{p.case_number}</td><td>{label('imp.status', p.status)}</td><td>{p.members.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

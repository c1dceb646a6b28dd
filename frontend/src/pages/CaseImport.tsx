// Import a resettlement case list: preview (dry run) with every problem by line and column, then
// import. Nothing is added while the file has a problem.
import { SheetUploadCard, useSheetUpload } from '../components/SheetUpload';
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
  const upload = useSheetUpload<ImportAnswer>('/imports/cases');
  const { answer, busy, send } = upload;
  const newCases = answer?.preview.filter((p) => p.status === 'new').length ?? 0;
  return (
    <section aria-labelledby="imp-h">
      <h1 id="imp-h">{t('imp.title')}</h1>
      <p>{t('imp.intro')}</p>
      <SheetUploadCard id="imp-file" upload={upload} confirm={answer && answer.dry_run && answer.errors.length === 0 && newCases > 0 && (
        <button type="button" disabled={busy} onClick={() => void send(false)}>{t('imp.import', { n: newCases })}</button>
      )} />
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

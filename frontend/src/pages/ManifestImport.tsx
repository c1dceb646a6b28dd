// Import a flight manifest: a check first (dry run) with every problem by line and column, then
// the booking. All or nothing: while the file has a problem nobody is booked.
import { SheetUploadCard, useSheetUpload } from '../components/SheetUpload';
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
  const upload = useSheetUpload<ManifestAnswer>('/imports/manifest');
  const { answer, busy, send } = upload;
  const a = answer;
  return (
    <section aria-labelledby="man-h">
      <h1 id="man-h">{t('man.title')}</h1>
      <p>{t('man.intro')}</p>
      <SheetUploadCard id="man-file" upload={upload} confirm={a && a.dry_run && a.errors.length === 0 && a.passengers > 0 && (
        <button type="button" disabled={busy} onClick={() => void send(false)}>{t('man.import', { n: a.passengers })}</button>
      )} />
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

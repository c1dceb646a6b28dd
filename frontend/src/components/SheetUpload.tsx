// What the spreadsheet imports (case lists, flight manifests) share: the file picker, the check
// first (a dry run), then the import, with the server's problem shown where it happened.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { Problem } from './Problem';
import { t } from '../i18n';

export interface SheetAnswer {
  errors: { line: number; column: string; message: string }[];
  dry_run: boolean;
  imported: boolean;
}

/** useSheetUpload posts the chosen file to path, as a dry run or for real. */
export function useSheetUpload<A extends SheetAnswer>(path: string) {
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<A | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [hint, setHint] = useState('');

  const choose = (f: File | null) => {
    setFile(f);
    setAnswer(null);
    setError(null);
  };
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
      setAnswer(await request<A>('POST', path, { form }));
    } catch (e) {
      setAnswer(null);
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', ''));
    } finally {
      setBusy(false);
    }
  };
  return { answer, busy, error, hint, choose, send };
}

/** SheetUploadCard is the picker, the check button and, once the check found nothing wrong, confirm. */
export function SheetUploadCard(props: {
  id: string;
  upload: ReturnType<typeof useSheetUpload>;
  confirm?: ComponentChildren;
}) {
  const u = props.upload;
  return (
    <div class="card">
      <div class="field">
        <label for={props.id}>{t('imp.file')}</label>
        <input id={props.id} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => u.choose((e.target as HTMLInputElement).files?.[0] ?? null)} />
      </div>
      {u.hint && <p class="alert warn" role="alert">{u.hint}</p>}
      <div class="actions">
        <button type="button" class="secondary" disabled={u.busy} onClick={() => void u.send(true)}>
          {u.busy ? t('imp.working') : t('imp.preview')}
        </button>
        {props.confirm}
      </div>
      <Problem error={u.error} />
    </div>
  );
}

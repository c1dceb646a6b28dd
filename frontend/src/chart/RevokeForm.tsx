// Revoke an issued form (physician, admin): a reason, then an explicit confirmation. The file
// stays on record; the verification page says "revoked" from then on. It cannot be undone.
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { Problem, fieldError } from '../components/Problem';
import { TextArea } from '../components/fields';
import { dateTime, t } from '../i18n';
import type { Form } from '../types';
import { useDraftForm } from '../useDraftForm';

interface Props {
  form: Form;
  onCancel: () => void;
  onDone: () => Promise<void>;
}

export function RevokeForm({ form: f, onCancel, onDone }: Props) {
  const form = useDraftForm<{ reason: string; confirmed: boolean }>(`form.${f.id}.revoke`, { reason: '', confirmed: false });
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  // Opened from a button in the table: the keyboard goes straight to the reason.
  useEffect(() => document.getElementById('revoke-reason')?.focus(), [f.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!v.reason.trim()) return form.setStatus({ kind: 'invalid', message: t('revoke.reason_required') });
    if (!v.confirmed) return form.setStatus({ kind: 'invalid', message: t('revoke.confirm_required') });
    const ok = await form.submit(async (x) => {
      await api.post<Form>(`/forms/${encodeURIComponent(f.id)}/revoke`, { reason: x.reason.trim() });
    });
    if (ok) await onDone();
  };

  return (
    <form class="alert warn revoke" onSubmit={submit} noValidate aria-labelledby="revoke-h" data-testid="revoke-form">
      <h3 id="revoke-h">{t('revoke.title', { type: f.form_type })}</h3>
      <p>{t('revoke.explain', { type: f.form_type, when: dateTime(f.issued_at) })}</p>
      <TextArea id="revoke-reason" label={t('revoke.reason')} value={v.reason} required rows={2}
        onInput={(x) => form.set({ reason: x })} error={fieldError(errors, 'reason')} />
      <div class="field check">
        <input id="revoke-confirm" type="checkbox" checked={v.confirmed}
          onChange={(e) => form.set({ confirmed: (e.currentTarget as HTMLInputElement).checked })} />
        <label for="revoke-confirm">{t('revoke.confirm', { type: f.form_type })}</label>
      </div>
      <div class="actions">
        <button type="submit" class="danger" disabled={form.status.kind === 'saving'}>
          {form.status.kind === 'saving' ? t('common.saving') : t('revoke.submit')}
        </button>
        <button type="button" class="secondary" onClick={() => { form.discard(); onCancel(); }}>
          {t('common.cancel')}
        </button>
      </div>
      {form.status.kind === 'error' && <Problem error={form.status.error} />}
      {form.status.kind === 'invalid' && <div class="alert error" role="alert">{form.status.message}</div>}
    </form>
  );
}

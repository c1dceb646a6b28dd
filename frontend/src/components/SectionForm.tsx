// The frame of every editable chart section: heading, the draft notice, the save button and
// what happened (saving, saved, a problem, or "someone else changed this record").
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { dateTime, t, type Key } from '../i18n';
import type { DraftForm } from '../useDraftForm';
import { Problem } from './Problem';

interface Props<T> {
  id: string;
  title: string;
  form: DraftForm<T>;
  onSubmit: () => void;
  /** Fetch the newest record; the form merges it under the user's input. */
  onReload: () => Promise<boolean | void>;
  submitLabel?: string;
  disabled?: boolean;
  /** This section's own sentence for some error codes. */
  problemWords?: Partial<Record<string, Key>>;
  children: ComponentChildren;
}

export function SectionForm<T>(p: Props<T>) {
  const { form } = p;
  const [reloading, setReloading] = useState(false);
  const st = form.status;

  const reload = async () => {
    setReloading(true);
    try {
      // The record may have changed elsewhere than in this section: once reloaded, the conflict is over.
      if ((await p.onReload()) !== false) form.setStatus({ kind: 'reloaded', clashes: [] });
    } finally {
      setReloading(false);
    }
  };

  return (
    <section class="card" id={p.id} aria-labelledby={p.id + '-h'}>
      <h2 id={p.id + '-h'}>{p.title}</h2>
      {form.restoredAt && form.dirty && (
        <div class="alert info" role="status">
          {t('draft.restored', { when: dateTime(form.restoredAt) })}{' '}
          <button type="button" class="link" onClick={form.discard}>
            {t('draft.discard')}
          </button>
        </div>
      )}
      {st.kind === 'conflict' && (
        <div class="alert warn" role="alert" data-testid="conflict">
          <strong>{t('conflict.title')}</strong> {t('conflict.body')}
          <div class="actions">
            <button type="button" onClick={reload} disabled={reloading}>
              {t('conflict.reload')}
            </button>
            <button type="button" class="secondary" onClick={form.discard}>
              {t('draft.discard')}
            </button>
          </div>
        </div>
      )}
      {st.kind === 'reloaded' && (
        <div class="alert info" role="status">
          {t('conflict.reloaded')}
          {st.clashes.length > 0 && ' ' + t('conflict.clashes', { n: st.clashes.length })}
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // The browser's checks, in the app's words: each invalid field says why (fields.tsx).
          // The section's own checks then run and name what is missing (or the server does).
          const el = e.currentTarget as HTMLFormElement;
          if (!el.checkValidity()) {
            form.setStatus({ kind: 'invalid', message: t('fielderr.fix_marked') });
            el.querySelector<HTMLElement>('input:invalid, select:invalid, textarea:invalid')?.focus();
          }
          p.onSubmit();
        }}
        noValidate
      >
        {p.children}
        <div class="actions">
          <button type="submit" disabled={p.disabled || st.kind === 'saving'}>
            {st.kind === 'saving' ? t('common.saving') : p.submitLabel ?? t('common.save')}
          </button>
          {form.dirty && st.kind !== 'saving' && <span class="hint">{t('draft.unsaved')}</span>}
          <span role="status" aria-live="polite" class="saved">
            {st.kind === 'saved' && !form.dirty ? t('common.saved') : ''}
          </span>
        </div>
        {st.kind === 'error' && <Problem error={st.error} words={p.problemWords} />}
        {st.kind === 'invalid' && (
          <div class="alert error" role="alert">
            {st.message}
          </div>
        )}
      </form>
    </section>
  );
}

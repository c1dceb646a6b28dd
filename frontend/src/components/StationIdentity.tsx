// The identity check on a station's own page (lab specimen and sputum collection, the X-ray room):
// the person in front of the station against the photo shown beside it and the document. One key
// (I, with the focus anywhere in the person's card) confirms; a mismatch is reported with what
// does not match, and holds the assessment until the registrar or the physician resolves it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { label, t } from '../i18n';
import type { Chart, IdentityCheckRecord } from '../types';
import { Problem, fieldError } from './Problem';

export function StationIdentity({ assessmentId, station }: { assessmentId: string; station: string }) {
  const [last, setLast] = useState<IdentityCheckRecord | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const record = async (outcome: 'match' | 'mismatch') => {
    if (saving) return;
    setSaving(true);
    try {
      const ch = await api.post<Chart>('/assessments/' + encodeURIComponent(assessmentId) + '/identity-checks', {
        station, outcome, reason: outcome === 'mismatch' ? reason : '',
      });
      setLast((ch.identity.checks ?? []).find((c) => c.station === station) ?? null);
      setError(null);
      setMismatch(false);
      setReason('');
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setSaving(false);
    }
  };

  // I confirms, when the focus is in this person's card and not in a text field.
  useEffect(() => {
    const scope = box.current?.closest('section') ?? box.current;
    if (!scope) return undefined;
    const onKey = (e: Event) => {
      const k = e as KeyboardEvent;
      const tag = (k.target as HTMLElement | null)?.tagName ?? '';
      const typing = ['TEXTAREA', 'SELECT'].includes(tag) || (tag === 'INPUT' && (k.target as HTMLInputElement).type !== 'checkbox');
      if (k.key.toLowerCase() !== 'i' || k.ctrlKey || k.metaKey || k.altKey || typing) return;
      k.preventDefault();
      void record('match');
    };
    scope.addEventListener('keydown', onKey);
    return () => scope.removeEventListener('keydown', onKey);
  });

  return (
    <div class="identity-check" ref={box} data-testid="station-identity" data-station={station}>
      <strong>{t('idc.title')}: {label('idc.station', station)}</strong>{' '}
      <span class="hint">{t('idc.intro')}</span>{' '}
      <button type="button" onClick={() => void record('match')} disabled={saving} aria-keyshortcuts="I">{t('idc.match')}</button>{' '}
      <button type="button" class="secondary" onClick={() => setMismatch(!mismatch)} aria-expanded={mismatch}>{t('idc.mismatch')}</button>
      {mismatch && (
        <div class="field">
          <label for={'sid-reason-' + assessmentId}>{t('idc.reason')}</label>
          <textarea id={'sid-reason-' + assessmentId} value={reason} maxLength={500}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
          {fieldError(error?.errors, 'reason') && <p class="error">{fieldError(error?.errors, 'reason')}</p>}
          <button type="button" class="danger" onClick={() => void record('mismatch')} disabled={saving}>{t('idc.report')}</button>
        </div>
      )}
      <p role="status" data-testid="station-identity-status">
        {last
          ? t('idc.checked', { station: label('idc.station', last.station), by: last.by, at: new Date(last.at).toLocaleString() }) +
            (last.outcome === 'mismatch' ? ' — ' + last.reason : '')
          : ''}
      </p>
      {error && !error.errors?.length && <Problem error={error} />}
    </div>
  );
}

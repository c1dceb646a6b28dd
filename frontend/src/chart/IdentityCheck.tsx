// The station's identity check: before recording, the person in front of the station is compared
// with the photo (in the header above) and the document: one key (I) confirms, or a mismatch is
// reported, which holds the assessment until the registrar or the physician resolves it.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem, fieldError } from '../components/Problem';
import { label, t } from '../i18n';
import { can } from '../session';
import type { Chart, IdentityCheckRecord } from '../types';
import type { SectionProps } from './ChartPage';

export const identityStations = ['history', 'exam', 'specimen', 'xray', 'vaccination', 'sputum', 'pec'] as const;

/** The station this user most likely stands at, from what the chart lets them do next. */
export function defaultStation(chart: Chart): string {
  const may = (p: string) => can(chart, p);
  if (may('record_pec')) return 'pec';
  if (may('record_radiology_result') && !may('record_lab_result')) return 'xray';
  if (may('record_lab_result') && !may('record_history')) return 'specimen';
  if (may('record_history') && !chart.history) return 'history';
  if (may('record_vitals') && !chart.vitals) return 'exam';
  if (may('record_dose')) return 'vaccination';
  return 'history';
}

function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

export function IdentityHoldBanner({ chart }: { chart: Chart }) {
  const h = chart.identity.hold;
  if (!h) return null;
  return (
    <div class="alert error" role="alert" data-testid="identity-hold">
      <strong>{t('idc.hold_title')}</strong>:{' '}
      {t('idc.hold', { station: label('idc.station', h.station), by: h.by, at: when(h.at), reason: h.reason })}
    </div>
  );
}

export function IdentityCheck({ chart, setChart }: SectionProps) {
  const [station, setStation] = useState(() => defaultStation(chart));
  const [mismatch, setMismatch] = useState(false);
  const [reason, setReason] = useState('');
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const path = '/assessments/' + encodeURIComponent(chart.id) + '/identity-checks';

  const record = async (outcome: 'match' | 'mismatch') => {
    if (saving) return;
    setSaving(true);
    try {
      setChart(await api.post<Chart>(path, { station, outcome, reason: outcome === 'mismatch' ? reason : '' }));
      setError(null);
      setMismatch(false);
      setReason('');
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setSaving(false);
    }
  };

  const resolve = async (e: Event) => {
    e.preventDefault();
    const h = chart.identity.hold;
    if (!h) return;
    try {
      await api.post<IdentityCheckRecord>(path + '/' + encodeURIComponent(h.id) + '/resolve', { resolution });
      setChart(await api.get<Chart>('/assessments/' + encodeURIComponent(chart.id)));
      setResolution('');
      setError(null);
    } catch (err) {
      setError(err as ApiError);
    }
  };

  // One keystroke: I confirms the identity, unless the user is typing in a field.
  useEffect(() => {
    if (!can(chart, 'check_identity')) return undefined;
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName ?? '';
      if (e.key.toLowerCase() !== 'i' || e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(tag)) return;
      e.preventDefault();
      void record('match');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const checks = chart.identity.checks ?? [];
  const last = checks.find((c) => c.station === station);
  const errors = error?.errors;

  return (
    <section class="card identity-check" aria-labelledby="idc-h" data-testid="identity-check">
      <h2 id="idc-h">{t('idc.title')}</h2>
      {can(chart, 'check_identity') && (
        <>
          <p class="hint">{t('idc.intro')}</p>
          <div class="row">
            <label for="idc-station">{t('idc.station')}</label>
            <select id="idc-station" value={station} onChange={(e) => setStation((e.target as HTMLSelectElement).value)}>
              {identityStations.map((s) => <option key={s} value={s}>{label('idc.station', s)}</option>)}
            </select>
            <button type="button" onClick={() => void record('match')} disabled={saving} aria-keyshortcuts="I">
              {t('idc.match')}
            </button>
            <button type="button" class="secondary" onClick={() => setMismatch(!mismatch)} aria-expanded={mismatch}>
              {t('idc.mismatch')}
            </button>
          </div>
          {mismatch && (
            <div class="field">
              <label for="idc-reason">{t('idc.reason')}</label>
              <textarea id="idc-reason" value={reason} maxLength={500}
                onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
              {fieldError(errors, 'reason') && <p class="error">{fieldError(errors, 'reason')}</p>}
              <button type="button" class="danger" onClick={() => void record('mismatch')} disabled={saving}>{t('idc.report')}</button>
            </div>
          )}
          <p role="status" data-testid="identity-status">
            {last
              ? t('idc.checked', { station: label('idc.station', last.station), by: last.by, at: when(last.at) }) +
                (last.outcome === 'mismatch' ? ' — ' + last.reason : '')
              : t('idc.none_today')}
          </p>
        </>
      )}
      {chart.identity.hold && can(chart, 'resolve_identity') && (
        <form onSubmit={resolve} class="field">
          <label for="idc-resolution">{t('idc.resolution')}</label>
          <textarea id="idc-resolution" value={resolution} maxLength={500}
            onInput={(e) => setResolution((e.target as HTMLTextAreaElement).value)} />
          {fieldError(errors, 'resolution') && <p class="error">{fieldError(errors, 'resolution')}</p>}
          <button type="submit">{t('idc.resolve')}</button>
        </form>
      )}
      {error && !errors?.length && <Problem error={error} />}
    </section>
  );
}

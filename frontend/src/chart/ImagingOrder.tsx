// The chest X-ray order on the chart: the nurse or physician turns the plan's X-ray step into a
// study (with the rule and source that asked for it) that the radiology worklist then lists. The
// order is idempotent: a step that has its study is not ordered again (docs/radiology.md).
import { useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, label, t } from '../i18n';
import type { Study } from '../types';
import type { SectionProps } from './ChartPage';

export function ImagingOrder(p: SectionProps) {
  const [studies, setStudies] = useState<Study[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const order = async () => {
    setBusy(true);
    try {
      const page = await api.post<ListPage<Study>>(`/assessments/${encodeURIComponent(p.chart.id)}/imaging`);
      setStudies(page.items);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" id="xray-order" aria-labelledby="xo-h">
      <h2 id="xo-h">{t('xo.title')}</h2>
      <p>{t('xo.intro')}</p>
      <button type="button" data-testid="xray-order" disabled={busy} onClick={() => void order()}>{t('xo.order')}</button>
      {error && <Problem error={error} />}
      {studies && studies.length === 0 && <p data-testid="xray-ordered">{t('xo.none')}</p>}
      {studies && studies.length > 0 && (
        <ul class="plain" data-testid="xray-ordered">
          {studies.map((s) => (
            <li key={s.id}>{t('xo.study', { accession: s.accession, status: label('rx.st', s.status), rule: s.rule, at: dateTime(s.ordered_at), by: s.ordered_by })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

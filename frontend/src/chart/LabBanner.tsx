// The chart's banner of critical lab results no physician has acknowledged yet. The physician
// acknowledges each; who and when are kept with the result.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem } from '../components/Problem';
import { label, t } from '../i18n';
import { can } from '../session';
import type { Chart, LabRecord } from '../types';

export function LabBanner({ chart }: { chart: Chart }) {
  const [rec, setRec] = useState<LabRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = () =>
    api.get<LabRecord>(`/assessments/${encodeURIComponent(chart.id)}/lab`).then(setRec).catch((e) => setError(e as ApiError));
  useEffect(() => {
    void load();
  }, [chart.id, chart.version]);
  const ack = async (id: string) => {
    try {
      await api.post(`/lab-results/${encodeURIComponent(id)}/acknowledge`);
      setError(null);
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  if (error) return <Problem error={error} />;
  if (!rec || rec.critical.length === 0) return null;
  return (
    <div class="alert error" role="alert" data-testid="critical-banner">
      <strong>{t('labw.critical_title')}</strong>
      <ul>
        {rec.critical.map((r) => (
          <li key={r.id}>
            {label('step', r.step)}: {label('labw.value', r.value)} ({r.accession}, {r.recorded_by}){' '}
            {can(chart, 'acknowledge_critical') && (
              <button type="button" onClick={() => ack(r.id)}>{t('labw.acknowledge')}</button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

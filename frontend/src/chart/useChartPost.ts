// A chart section's writes under one path of the assessment (…/dot, …/referrals): each sends the
// chart's version, takes the new chart, keeps the problem for the form, and reloads the chart on a
// conflict so the user sees what the other person saved.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import type { Chart } from '../types';
import type { SectionProps } from './ChartPage';

export function useChartPost(p: SectionProps, base: string) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const write = async (path: string, body: Record<string, unknown>) => {
    setBusy(true);
    try {
      p.setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(p.chart.id)}/${base}${path}`, { version: p.chart.version, ...body }));
      setError(null);
      return true;
    } catch (e) {
      setError(e as ApiError);
      if ((e as ApiError).status === 409) void p.reload();
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, write };
}

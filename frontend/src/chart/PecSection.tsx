// The pre-embarkation check: flight, temperature, symptoms, fit to travel or not, remarks.
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { TextArea, TextField, YesNo } from '../components/fields';
import { dateTime, t } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

interface Values {
  flight_number: string;
  temperature_c: string;
  symptoms: boolean | null;
  fit: boolean | null;
  remarks: string;
}

export function PecSection({ chart, setChart, reload }: SectionProps) {
  const p = chart.pec;
  const form = useDraftForm<Values>(`${chart.id}.pec`, {
    flight_number: p?.flight_number ?? chart.case.flight?.number ?? '',
    temperature_c: p ? String(p.temperature_c) : '',
    symptoms: p?.symptoms ?? null,
    fit: p?.fit ?? null,
    remarks: p?.remarks ?? '',
  });
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;

  const submit = () => {
    const temp = Number(v.temperature_c);
    if (!v.flight_number.trim()) return form.setStatus({ kind: 'invalid', message: t('pec.flight_required') });
    if (v.temperature_c.trim() === '' || !Number.isFinite(temp) || temp < 30 || temp > 45) {
      return form.setStatus({ kind: 'invalid', message: t('vitals.out_of_range', { field: t('pec.temperature'), min: 30, max: 45 }) });
    }
    if (v.symptoms === null || v.fit === null) return form.setStatus({ kind: 'invalid', message: t('pec.answer_all') });
    if (v.fit === false && !v.remarks.trim()) return form.setStatus({ kind: 'invalid', message: t('pec.remarks_required') });
    void form.submit(async () => {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/pec`, {
        version: chart.version,
        flight_number: v.flight_number.trim().toUpperCase(),
        temperature_c: temp,
        symptoms: v.symptoms,
        fit: v.fit,
        remarks: v.remarks.trim(),
      }, { idempotencyKey: `${chart.id}-pec-${chart.version}` }));
    });
  };

  return (
    <SectionForm id="pec" title={t('pec.title')} form={form} onSubmit={submit} onReload={reload} submitLabel={t('pec.save')}>
      {p && (
        <div class={'alert ' + (p.fit ? 'ok' : 'warn')} role="status" data-testid="pec-result">
          {p.fit ? t('pec.recorded_fit') : t('pec.recorded_not_fit')} · {p.flight_number} ·{' '}
          {t('common.recorded_by', { by: p.by, when: dateTime(p.at) })}
        </div>
      )}
      <div class="row">
        <TextField id="pec-flight" label={t('pec.flight')} value={v.flight_number} required size="short"
          onInput={(x) => form.set({ flight_number: x })} error={fieldError(errors, 'flight_number')} />
        <TextField id="pec-temp" type="number" inputMode="decimal" step="0.1" min="30" max="45"
          label={t('pec.temperature')} value={v.temperature_c} required size="short"
          onInput={(x) => form.set({ temperature_c: x })} error={fieldError(errors, 'temperature_c')} />
      </div>
      <YesNo id="pec-symptoms" label={t('pec.symptoms')} value={v.symptoms} required onChange={(x) => form.set({ symptoms: x })} />
      <YesNo id="pec-fit" label={t('pec.fit')} value={v.fit} required onChange={(x) => form.set({ fit: x })} />
      <TextArea id="pec-remarks" label={t('pec.remarks')} value={v.remarks} required={v.fit === false}
        onInput={(x) => form.set({ remarks: x })} error={fieldError(errors, 'remarks')} rows={2} />
    </SectionForm>
  );
}

// Vitals and pregnancy status. Inputs hold text while typing; numbers are checked on save.
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { TextField, YesNo } from '../components/fields';
import { dateTime, t, type Key } from '../i18n';
import type { Chart, Vitals } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

type NumField = 'height_cm' | 'weight_kg' | 'bp_systolic' | 'bp_diastolic' | 'pulse' | 'temperature_c';

/** Each measurement with the range a person can plausibly have, to catch typing slips. */
const fields: { name: NumField; key: Key; min: number; max: number; step: string }[] = [
  { name: 'height_cm', key: 'vitals.height', min: 30, max: 250, step: '0.1' },
  { name: 'weight_kg', key: 'vitals.weight', min: 1, max: 300, step: '0.1' },
  { name: 'bp_systolic', key: 'vitals.bp_systolic', min: 50, max: 260, step: '1' },
  { name: 'bp_diastolic', key: 'vitals.bp_diastolic', min: 30, max: 160, step: '1' },
  { name: 'pulse', key: 'vitals.pulse', min: 20, max: 250, step: '1' },
  { name: 'temperature_c', key: 'vitals.temperature', min: 30, max: 45, step: '0.1' },
];

type Values = Record<NumField, string> & { pregnant: boolean | null };

function fromChart(v: Vitals | null): Values {
  const out = { pregnant: v?.pregnant ?? null } as Values;
  for (const f of fields) out[f.name] = v?.[f.name] != null ? String(v[f.name]) : '';
  return out;
}

export function VitalsSection({ chart, setChart, reload }: SectionProps) {
  const form = useDraftForm<Values>(`${chart.id}.vitals`, fromChart(chart.vitals));
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const canBePregnant = chart.applicant.sex === 'female' && (chart.plan?.age_years ?? chart.applicant.age_years) >= 10;

  const submit = () => {
    const body: Record<string, unknown> = { version: chart.version };
    for (const f of fields) {
      const n = Number(v[f.name]);
      if (v[f.name].trim() === '' || !Number.isFinite(n) || n < f.min || n > f.max) {
        form.setStatus({ kind: 'invalid', message: t('vitals.out_of_range', { field: t(f.key), min: f.min, max: f.max }) });
        return;
      }
      body[f.name] = n;
    }
    if (canBePregnant && v.pregnant === null) {
      form.setStatus({ kind: 'invalid', message: t('vitals.pregnant_required') });
      return;
    }
    body.pregnant = canBePregnant ? v.pregnant : false;
    void form.submit(async () => {
      setChart(await api.put<Chart>(`/assessments/${encodeURIComponent(chart.id)}/vitals`, body));
    });
  };

  return (
    <SectionForm id="vitals" title={t('vitals.title')} form={form} onSubmit={submit} onReload={reload}>
      {chart.vitals?.recorded_at && (
        <p class="hint">{t('common.recorded_by', { by: chart.vitals.recorded_by ?? '', when: dateTime(chart.vitals.recorded_at) })}</p>
      )}
      <div class="row">
        {fields.map((f) => (
          <TextField key={f.name} id={`v-${f.name}`} type="number" inputMode="decimal" label={t(f.key)}
            value={v[f.name]} min={String(f.min)} max={String(f.max)} step={f.step} size="short" required
            onInput={(x) => form.set({ [f.name]: x } as Partial<Values>)} error={fieldError(errors, f.name)} />
        ))}
      </div>
      {canBePregnant && (
        <YesNo id="v-pregnant" label={t('vitals.pregnant')} value={v.pregnant} required
          onChange={(x) => form.set({ pregnant: x })} error={fieldError(errors, 'pregnant')} />
      )}
    </SectionForm>
  );
}

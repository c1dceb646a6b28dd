// Vitals and pregnancy status. Inputs hold text while typing; numbers are checked on save.
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { TextArea, TextField, YesNo } from '../components/fields';
import { dateTime, label, t, type Key } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import type { Chart, Vitals, VitalsRanges } from '../types';
import { useDraftForm } from '../useDraftForm';
import { bmi, vitalsFlags } from './vitalsFlags';
import type { SectionProps } from './ChartPage';
import { ExamSystems } from './ExamSystems';
import { GrowthScores } from './GrowthScores';
import { type ExamValues, examBody, examFromChart } from './exam';

type NumField = 'height_cm' | 'weight_kg' | 'bp_systolic' | 'bp_diastolic' | 'pulse' | 'temperature_c'
  | 'respiratory_rate' | 'spo2' | 'head_circumference_cm';

/** Each measurement with the range the server accepts; blood pressure, pulse and temperature
 * may stay empty (a young child), which the API takes as 0, "not measured". */
const fields: { name: NumField; key: Key; min: number; max: number; step: string; required: boolean }[] = [
  { name: 'height_cm', key: 'vitals.height', min: 30, max: 250, step: '0.1', required: true },
  { name: 'weight_kg', key: 'vitals.weight', min: 0.5, max: 350, step: '0.1', required: true },
  { name: 'bp_systolic', key: 'vitals.bp_systolic', min: 50, max: 280, step: '1', required: false },
  { name: 'bp_diastolic', key: 'vitals.bp_diastolic', min: 20, max: 180, step: '1', required: false },
  { name: 'pulse', key: 'vitals.pulse', min: 20, max: 250, step: '1', required: false },
  { name: 'temperature_c', key: 'vitals.temperature', min: 30, max: 44, step: '0.1', required: false },
  { name: 'respiratory_rate', key: 'exam.resp_rate', min: 5, max: 80, step: '1', required: false },
  { name: 'spo2', key: 'exam.spo2', min: 50, max: 100, step: '1', required: false },
  { name: 'head_circumference_cm', key: 'exam.head_circ', min: 25, max: 60, step: '0.1', required: false },
];

type Values = Record<NumField, string> & ExamValues & { pregnant: boolean | null; exam_normal: boolean | null; exam_notes: string };

function fromChart(v: Vitals | null): Values {
  const out = {
    ...examFromChart(v),
    pregnant: v ? v.pregnant : null,
    exam_normal: v ? v.exam_normal : null,
    exam_notes: v?.exam_notes ?? '',
  } as Values;
  for (const f of fields) out[f.name] = v && v[f.name] ? String(v[f.name]) : '';
  return out;
}

export function VitalsSection({ chart, setChart, reload }: SectionProps) {
  const form = useDraftForm<Values>(`${chart.id}.vitals`, fromChart(chart.vitals));
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const canBePregnant = chart.applicant.sex === 'female' && (chart.plan?.age_years ?? chart.applicant.age_years) >= 10;
  const invalid = (message: string) => form.setStatus({ kind: 'invalid', message });

  const submit = () => {
    const body: Record<string, unknown> = { version: chart.version };
    for (const f of fields) {
      const text = v[f.name].trim();
      const n = Number(text);
      if (text === '' && !f.required) {
        body[f.name] = 0;
        continue;
      }
      if (text === '' || !Number.isFinite(n) || n < f.min || n > f.max) {
        return invalid(t('vitals.out_of_range', { field: t(f.key), min: f.min, max: f.max }));
      }
      // The API takes whole numbers for pressure and pulse.
      body[f.name] = f.step === '1' ? Math.round(n) : n;
    }
    if (canBePregnant && v.pregnant === null) return invalid(t('vitals.pregnant_required'));
    const exam = examBody(v);
    const bySystem = (exam.body.systems as unknown[]).length > 0;
    // By body system the server derives the overall answer: no system abnormal means normal.
    if (v.exam_normal === null && !bySystem) return invalid(t('vitals.exam_required'));
    if (v.exam_normal === false && !v.exam_notes.trim()) return invalid(t('vitals.exam_notes_required'));
    if (exam.missingFinding) return invalid(t('exam.finding_required', { system: label('system', exam.missingFinding) }));
    Object.assign(body, exam.body);
    body.pregnant = canBePregnant ? v.pregnant === true : false;
    body.exam_normal = v.exam_normal ?? true;
    body.exam_notes = v.exam_notes.trim();
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
            value={v[f.name]} min={String(f.min)} max={String(f.max)} step={f.step} size="short" required={f.required}
            onInput={(x) => form.set({ [f.name]: x } as Partial<Values>)} error={fieldError(errors, f.name)} />
        ))}
      </div>
      <VitalsWarnings v={v} age={chart.plan?.age_years ?? chart.applicant.age_years} />
      <GrowthScores vitals={chart.vitals} />
      <p class="hint">{t('vitals.optional')}</p>
      {canBePregnant && (
        <YesNo id="v-pregnant" label={t('vitals.pregnant')} value={v.pregnant} required
          onChange={(x) => form.set({ pregnant: x })} error={fieldError(errors, 'pregnant')} />
      )}
      <YesNo id="v-exam-normal" label={t('vitals.exam_normal')} value={v.exam_normal} required
        onChange={(x) => form.set({ exam_normal: x })} />
      <TextArea id="v-exam-notes" label={t('vitals.exam_notes')} value={v.exam_notes} required={v.exam_normal === false}
        onInput={(x) => form.set({ exam_notes: x })} error={fieldError(errors, 'exam_notes')} rows={2} />
      <ExamSystems v={v} set={(x) => form.set(x as Partial<Values>)} errors={errors} />
    </SectionForm>
  );
}

/** The ranges that flag vitals, fetched once (GET /api/reference/vitals-ranges). */
let rangesOnce: Promise<VitalsRanges> | null = null;
function useVitalsRanges(): VitalsRanges | null {
  const [r, setR] = useState<VitalsRanges | null>(null);
  useEffect(() => {
    rangesOnce ??= api.get<VitalsRanges>('/reference/vitals-ranges');
    rangesOnce.then(setR).catch(() => {
      rangesOnce = null;
    });
  }, []);
  return r;
}

/** BMI and the flags on what was typed: probable typing errors and values outside the usual
 * range, each with the range that flagged it; the sources open on demand. */
function VitalsWarnings({ v, age }: { v: Values; age: number }) {
  const ranges = useVitalsRanges();
  const n = (x: string) => (x.trim() === '' || Number.isNaN(Number(x)) ? undefined : Number(x));
  const input = {
    height_cm: n(v.height_cm), weight_kg: n(v.weight_kg), bp_systolic: n(v.bp_systolic),
    bp_diastolic: n(v.bp_diastolic), pulse: n(v.pulse), temperature_c: n(v.temperature_c),
  };
  const b = bmi(input);
  const flags = ranges ? vitalsFlags(input, age, ranges, t('vflag.or')) : [];
  const words = (kind: 'implausible' | 'abnormal') =>
    flags.filter((f) => f.kind === kind).map((f) => t(`vflag.${f.code}` as Key) + (f.limit ? ` (${f.limit})` : '')).join('; ');
  const sources = [...new Set(flags.map((f) => f.check && [f.check.source.doc, f.check.source.section, f.check.source.edition].filter(Boolean).join(', ')).filter(Boolean))];
  return (
    <div data-testid="vitals-flags" aria-live="polite">
      {b !== null && <p class="hint" data-testid="bmi">{t('vflag.bmi_value', { bmi: b })}</p>}
      {words('implausible') && <div class="alert error" role="note">{t('vflag.implausible', { what: words('implausible') })}</div>}
      {words('abnormal') && <div class="alert warn" role="note">{t('vflag.abnormal', { what: words('abnormal') })}</div>}
      {sources.length > 0 && (
        <details class="source-detail" data-testid="vflag-sources">
          <summary>{t('vflag.sources')}</summary>
          <ul class="plain">{sources.map((x) => <li key={x}>{x}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

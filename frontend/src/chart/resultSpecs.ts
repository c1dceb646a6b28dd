// What each result looks like: a choice of values, a number with its unit, or a series of
// three specimens. The values are the protocol contract's result vocabulary.
import { label } from '../i18n';
import type { Chart, Result } from '../types';

export type Spec =
  | { kind: 'choice'; options: string[] }
  | { kind: 'number'; unit: string; min: number; max: number; step: string }
  | { kind: 'series'; count: number; options: string[] };

export interface Entry {
  /** The step code sent as "step" in POST /results. */
  step: string;
  /** The required step this entry answers (creatinine is answered by creatinine or eGFR). */
  for: string;
  spec: Spec;
}

export const entries: Entry[] = [
  { step: 'cxr', for: 'cxr', spec: { kind: 'choice', options: ['normal', 'suggestive_of_tb', 'inactive_tb', 'abnormal_not_tb'] } },
  { step: 'igra', for: 'igra', spec: { kind: 'choice', options: ['positive', 'negative', 'indeterminate'] } },
  { step: 'tst', for: 'tst', spec: { kind: 'number', unit: 'mm', min: 0, max: 60, step: '1' } },
  { step: 'sputum_smears', for: 'sputum_smears', spec: { kind: 'series', count: 3, options: ['negative', 'positive'] } },
  { step: 'sputum_cultures', for: 'sputum_cultures', spec: { kind: 'series', count: 3, options: ['negative', 'positive', 'pending'] } },
  { step: 'mtb_naat', for: 'mtb_naat', spec: { kind: 'choice', options: ['not_detected', 'detected'] } },
  { step: 'syphilis', for: 'syphilis', spec: { kind: 'choice', options: ['nonreactive', 'reactive'] } },
  { step: 'gonorrhea', for: 'gonorrhea', spec: { kind: 'choice', options: ['negative', 'positive'] } },
  { step: 'hiv', for: 'hiv', spec: { kind: 'choice', options: ['negative', 'positive'] } },
  { step: 'hepatitis_b', for: 'hepatitis_b', spec: { kind: 'choice', options: ['negative', 'positive'] } },
  { step: 'urinalysis', for: 'urinalysis', spec: { kind: 'choice', options: ['normal', 'abnormal'] } },
  { step: 'creatinine', for: 'creatinine', spec: { kind: 'number', unit: 'µmol/L', min: 5, max: 3000, step: '1' } },
  { step: 'egfr', for: 'creatinine', spec: { kind: 'number', unit: 'mL/min/1.73 m²', min: 1, max: 200, step: '1' } },
  { step: 'hba1c', for: 'hba1c', spec: { kind: 'number', unit: 'mmol/mol', min: 10, max: 250, step: '1' } },
  { step: 'dst', for: 'dst', spec: { kind: 'choice', options: ['susceptible', 'resistant', 'pending'] } },
  { step: 'hepatitis_c', for: 'hepatitis_c', spec: { kind: 'choice', options: ['negative', 'positive'] } },
];

/** Whether a reactive syphilis result was treated: entered by the nurse or the physician, not the lab. */
export const treatedEntry: Entry = { step: 'syphilis_treated', for: 'syphilis_treated', spec: { kind: 'choice', options: ['yes', 'no'] } };

/** Steps the lab enters (everything with a result but the chest X-ray). */
export const labSteps = [...new Set(entries.filter((e) => e.for !== 'cxr').map((e) => e.for))];

export function entriesFor(requiredSteps: string[], kind: 'lab' | 'radiology'): Entry[] {
  return entries.filter((e) => requiredSteps.includes(e.for) && (kind === 'radiology') === (e.for === 'cxr'));
}

/** The newest result recorded for a step (the chart lists them oldest first). */
export function latestResult(chart: Chart, step: string): Result | undefined {
  const all = (chart.results ?? []).filter((r) => r.step === step || (step === 'creatinine' && r.step === 'egfr'));
  return all[all.length - 1];
}

/** A result in words: values through the catalog, numbers with their unit. */
export function formatResult(r: Pick<Result, 'value' | 'unit' | 'step'>): string {
  const v = r.value;
  if (Array.isArray(v)) return v.map((x) => label('val', String(x))).join(' · ');
  if (typeof v === 'number') return `${v} ${r.unit ?? unitOf(r.step)}`.trim();
  if (typeof v === 'string') return label('val', v);
  return '—';
}

function unitOf(step: string): string {
  const e = entries.find((x) => x.step === step);
  return e && e.spec.kind === 'number' ? e.spec.unit : '';
}

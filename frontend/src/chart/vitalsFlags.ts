// Flags on the vitals as the nurse types them: the body-mass index, values that are probably
// typing errors (implausible), and values outside the usual adult range (abnormal). The ranges
// and their sources are data (clinic/reference/vitals-ranges.json, GET /api/reference/vitals-ranges);
// only the order of the two blood pressures is checked here.
import type { VitalsCheck, VitalsRanges } from '../types';

export interface VitalsInput {
  height_cm?: number;
  weight_kg?: number;
  bp_systolic?: number;
  bp_diastolic?: number;
  pulse?: number;
  temperature_c?: number;
}

export interface VitalsFlag {
  field: keyof VitalsInput | 'bmi';
  kind: 'implausible' | 'abnormal';
  code: string; // i18n key suffix, e.g. "bmi_low"
  limit: string; // the range that flags it, e.g. "≥ 38"
  check?: VitalsCheck; // the file's check (none for the order of the pressures)
}

export function bmi(v: VitalsInput): number | null {
  if (!v.height_cm || !v.weight_kg) return null;
  const m = v.height_cm / 100;
  return Math.round((v.weight_kg / (m * m)) * 10) / 10;
}

export function flagged(c: VitalsCheck, x: number): boolean {
  return (c.below != null && x < c.below) || (c.above != null && x > c.above) || (c.at_least != null && x >= c.at_least);
}

/** The range a check flags, in symbols: "< 18.5", "≥ 38", "< 50 or > 100". */
export function limitText(c: VitalsCheck, or: string): string {
  return [c.below != null && `< ${c.below}`, c.above != null && `> ${c.above}`, c.at_least != null && `≥ ${c.at_least}`]
    .filter(Boolean).join(` ${or} `);
}

/** Flags for a person of ageYears: checks marked adults_only apply from the file's adult age. */
export function vitalsFlags(v: VitalsInput, ageYears: number, r: VitalsRanges, or = 'or'): VitalsFlag[] {
  const adult = ageYears >= r.adult_from_years;
  const values: Record<string, number | undefined> = { ...v, bmi: bmi(v) ?? undefined };
  const out: VitalsFlag[] = [];
  if (v.bp_systolic && v.bp_diastolic && v.bp_diastolic >= v.bp_systolic) {
    out.push({ field: 'bp_diastolic', kind: 'implausible', code: 'bp_order', limit: '' });
  }
  const implausible = new Set<string>();
  for (const kind of ['implausible', 'abnormal'] as const) {
    for (const c of r.checks) {
      const x = values[c.measure];
      if (c.kind !== kind || (c.adults_only && !adult) || !x) continue;
      // A value that is probably a typing error is not also called abnormal.
      if (kind === 'abnormal' && implausible.has(c.measure)) continue;
      if (!flagged(c, x)) continue;
      if (kind === 'implausible') implausible.add(c.measure);
      const same = out.find((f) => f.kind === kind && f.code === c.code);
      if (same) {
        same.limit += ` ${or} ${limitText(c, or)}`; // one flag, both limits (systolic or diastolic)
        continue;
      }
      out.push({ field: c.measure as VitalsFlag['field'], kind, code: c.code, limit: limitText(c, or), check: c });
    }
  }
  return out;
}

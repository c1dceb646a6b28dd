// The examination by body system: the systems in the forms' order, the draft values, and the
// conversions between the chart and the API body.
import type { Vitals } from '../types';

export const systems = ['general_appearance', 'skin', 'eyes', 'ent', 'mouth_teeth', 'neck_thyroid', 'lymph_nodes', 'heart',
  'lungs', 'abdomen', 'genitourinary', 'musculoskeletal', 'neurological', 'extremities'];
export const systemStatuses = ['normal', 'abnormal', 'not_examined'];
export const hearingResults = ['normal', 'impaired', 'not_tested'];

export interface ExamValues {
  systems: Record<string, { status: string; finding: string }>;
  vision: { right_uncorrected: string; left_uncorrected: string; right_corrected: string; left_corrected: string };
  hearing: { right: string; left: string; method: string };
}

/** The systems' answers with the keys in the forms' order, so a draft compares equal to the record. */
export function ordered(rec: ExamValues['systems']): ExamValues['systems'] {
  const out: ExamValues['systems'] = {};
  for (const s of systems) if (rec[s]) out[s] = rec[s];
  return out;
}

export function examFromChart(v: Vitals | null): ExamValues {
  const out: ExamValues = {
    systems: {},
    vision: { right_uncorrected: '', left_uncorrected: '', right_corrected: '', left_corrected: '', ...(v?.visual_acuity ?? {}) },
    hearing: { right: '', left: '', method: '', ...(v?.hearing ?? {}) },
  };
  for (const s of v?.systems ?? []) out.systems[s.system] = { status: s.status, finding: s.finding };
  return out;
}

/** The API's fields for the examination; the first problem found before sending, if any. */
export function examBody(v: ExamValues): { body: Record<string, unknown>; missingFinding?: string } {
  const list = systems.filter((s) => v.systems[s]?.status).map((s) => ({
    system: s, status: v.systems[s].status, finding: v.systems[s].finding.trim(),
  }));
  const missingFinding = list.find((s) => s.status === 'abnormal' && !s.finding)?.system;
  const vision = Object.values(v.vision).some((x) => x.trim()) ? v.vision : null;
  const hearing = v.hearing.right || v.hearing.left ? v.hearing : null;
  return { body: { systems: list, visual_acuity: vision, hearing }, missingFinding };
}

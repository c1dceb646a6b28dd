// The medical-history questions the nurse asks, and the findings the protocol engine reads from
// them (protocol-contract.md, "findings").
import { tIn, type Key } from '../i18n';
import type { HistoryAnswer } from '../types';

export interface Question {
  code: string;
  key: Key;
  /** The finding this answer feeds; several symptoms feed tb_symptoms together. */
  finding?: string;
  /** Only asked of children under 15 (Canada's HIV rule reads these). */
  child?: boolean;
}

export const questions: Question[] = [
  { code: 'cough_2w', key: 'hq.cough_2w', finding: 'tb_symptoms' },
  { code: 'fever', key: 'hq.fever', finding: 'tb_symptoms' },
  { code: 'night_sweats', key: 'hq.night_sweats', finding: 'tb_symptoms' },
  { code: 'weight_loss', key: 'hq.weight_loss', finding: 'tb_symptoms' },
  { code: 'haemoptysis', key: 'hq.haemoptysis', finding: 'tb_symptoms' },
  { code: 'tb_contact', key: 'hq.tb_contact', finding: 'tb_contact' },
  { code: 'previous_tb_treatment', key: 'hq.previous_tb_treatment', finding: 'previous_tb_treatment' },
  { code: 'hiv_infected', key: 'hq.hiv_infected', finding: 'hiv_infected' },
  { code: 'extrapulmonary_tb_signs', key: 'hq.extrapulmonary_tb_signs', finding: 'extrapulmonary_tb_signs' },
  { code: 'mother_hiv_positive', key: 'hq.mother_hiv_positive', finding: 'mother_hiv_positive', child: true },
  { code: 'received_blood_products', key: 'hq.received_blood_products', finding: 'received_blood_products', child: true },
  { code: 'chronic_illness', key: 'hq.chronic_illness' },
  { code: 'hospitalised', key: 'hq.hospitalised' },
  { code: 'mental_illness', key: 'hq.mental_illness' },
  { code: 'substance_use', key: 'hq.substance_use' },
];

export function questionsFor(ageYears: number): Question[] {
  return questions.filter((q) => !q.child || ageYears < 15);
}

export interface AnswerValue {
  answer: boolean | null;
  details: string;
}

export type HistoryValues = Record<string, AnswerValue>;

/** Form values from the recorded answers (unanswered questions stay null). */
export function historyValues(qs: Question[], recorded: HistoryAnswer[] | undefined): HistoryValues {
  const out: HistoryValues = {};
  for (const q of qs) {
    const a = recorded?.find((r) => r.code === q.code);
    out[q.code] = { answer: a ? a.answer : null, details: a?.details ?? '' };
  }
  return out;
}

export function unanswered(qs: Question[], v: HistoryValues): Question[] {
  return qs.filter((q) => v[q.code]?.answer == null);
}

/** The answers as the API stores them, each with its question in English for the record. */
export function toAnswers(qs: Question[], v: HistoryValues): HistoryAnswer[] {
  return qs.map((q) => ({
    code: q.code,
    question: tIn('en', q.key),
    answer: v[q.code]?.answer === true,
    details: (v[q.code]?.details ?? '').trim(),
  }));
}

/** Findings for the protocol engine: a finding is true when any answer that feeds it is yes. */
export function toFindings(qs: Question[], v: HistoryValues): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const q of qs) {
    if (!q.finding) continue;
    out[q.finding] = (out[q.finding] ?? false) || v[q.code]?.answer === true;
  }
  return out;
}

// The medical-history questions. The server lists them (chart.history_questions) and derives the
// protocol's findings from the answers; this module only shapes the form.
import { label } from '../i18n';
import type { HistoryAnswer } from '../types';

export interface Question {
  code: string;
  /** The server's English wording, used when the catalog has no translation for the code. */
  question: string;
}

/** Asked only of children under 15 (Canada's HIV rule for children reads it). */
const childOnly = new Set(['mother_hiv_positive']);

export function questionsFor(all: Question[] | undefined, ageYears: number): Question[] {
  return (all ?? []).filter((q) => !childOnly.has(q.code) || ageYears < 15);
}

/** The question in the user's language. */
export function questionText(q: Question): string {
  return label('hq', q.code, q.question.replace(/^\(Child\)\s*/, '').replace(/\?$/, ''));
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

/** The answers as the API takes them: code, yes/no, details (details only with a yes). */
export function toAnswers(qs: Question[], v: HistoryValues): HistoryAnswer[] {
  return qs.map((q) => {
    const yes = v[q.code]?.answer === true;
    return { code: q.code, answer: yes, details: yes ? (v[q.code]?.details ?? '').trim() : '' };
  });
}

/** "None of these": every question answered no, details cleared; the few that apply are then changed. */
export function noneOfThese(qs: Question[]): HistoryValues {
  const out: HistoryValues = {};
  for (const q of qs) out[q.code] = { answer: false, details: '' };
  return out;
}

// The medical-history questions. The server lists them from its question bank
// (chart.history_questions: wording in en/fr/rw, who is asked, which question a follow-up depends
// on, whether a date goes with a yes) and derives the protocol's findings from the answers; this
// module only shapes the form.
import { lang } from '../i18n';
import type { HistoryAnswer } from '../types';

export interface Question {
  code: string;
  /** The bank's English wording. */
  question: string;
  fr?: string;
  rw?: string;
  /** '' (no date), 'optional' or 'required' with a yes. */
  date?: string;
  /** Asked only when this question is answered yes. */
  depends_on?: string;
  asked_of?: { sex: string; age_min: number; age_below: number };
}

/** The questions asked of this person (the bank's asked_of: sex and age). */
export function questionsFor(all: Question[] | undefined, ageYears: number, sex = ''): Question[] {
  return (all ?? []).filter((q) => {
    const who = q.asked_of;
    if (!who) return true;
    if (who.sex && sex && who.sex !== sex) return false;
    if (who.age_min && ageYears < who.age_min) return false;
    if (who.age_below && ageYears >= who.age_below) return false;
    return true;
  });
}

/** The question in the user's language, from the bank. */
export function questionText(q: Question): string {
  const l = lang();
  const text = (l === 'fr' && q.fr) || (l === 'rw' && q.rw) || q.question;
  return text.replace(/^\((Child|Enfant|Umwana)\)\s*/, '');
}

export interface AnswerValue {
  answer: boolean | null;
  details: string;
  date?: string;
}

export type HistoryValues = Record<string, AnswerValue>;

/** Form values from the recorded answers (unanswered questions stay null). */
export function historyValues(qs: Question[], recorded: HistoryAnswer[] | undefined): HistoryValues {
  const out: HistoryValues = {};
  for (const q of qs) {
    const a = recorded?.find((r) => r.code === q.code);
    out[q.code] = { answer: a ? a.answer : null, details: a?.details ?? '', date: a?.date ?? '' };
  }
  return out;
}

/** The questions shown: a follow-up only when the question it depends on is answered yes. */
export function shown(qs: Question[], v: HistoryValues): Question[] {
  return qs.filter((q) => !q.depends_on || v[q.depends_on]?.answer === true);
}

export function unanswered(qs: Question[], v: HistoryValues): Question[] {
  return shown(qs, v).filter((q) => v[q.code]?.answer == null);
}

/** The answers as the API takes them: code, yes/no, details and date (only with a yes). */
export function toAnswers(qs: Question[], v: HistoryValues): HistoryAnswer[] {
  return shown(qs, v).map((q) => {
    const yes = v[q.code]?.answer === true;
    const date = yes && q.date ? (v[q.code]?.date ?? '').trim() : '';
    return { code: q.code, answer: yes, details: yes ? (v[q.code]?.details ?? '').trim() : '', date };
  });
}

/**
 * "None of these": every question answered no, details cleared; the few that apply are then
 * changed. A follow-up stays unanswered: it is asked when the question it depends on turns yes.
 */
export function noneOfThese(qs: Question[]): HistoryValues {
  const out: HistoryValues = {};
  for (const q of qs) out[q.code] = { answer: q.depends_on ? null : false, details: '', date: '' };
  return out;
}

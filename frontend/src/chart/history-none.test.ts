import { describe, expect, it } from 'vitest';
import { noneOfThese, questionsFor, toAnswers, unanswered } from './history';

const server = [
  { code: 'cough_2_weeks', question: 'Cough for two weeks or more?' },
  { code: 'fever', question: 'Fever without another cause?' },
  { code: 'fever_treated', question: 'Treated?', depends_on: 'fever' },
];

describe('none of these', () => {
  it('answers every question no, leaving the few that apply to change', () => {
    const qs = questionsFor(server, 30);
    const v = noneOfThese(qs);
    expect(unanswered(qs, v)).toEqual([]);
    v.fever = { answer: true, details: 'three days', date: '' };
    // The follow-up is asked once its question is yes: none of these did not answer it.
    expect(unanswered(qs, v).map((q) => q.code)).toEqual(['fever_treated']);
    v.fever_treated = { answer: false, details: '', date: '' };
    expect(toAnswers(qs, v)).toEqual([
      { code: 'cough_2_weeks', answer: false, details: '', date: '' },
      { code: 'fever', answer: true, details: 'three days', date: '' },
      { code: 'fever_treated', answer: false, details: '', date: '' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { noneOfThese, questionsFor, toAnswers, unanswered } from './history';

const server = [
  { code: 'cough_2_weeks', question: 'Cough for two weeks or more?' },
  { code: 'fever', question: 'Fever without another cause?' },
];

describe('none of these', () => {
  it('answers every question no, leaving the few that apply to change', () => {
    const qs = questionsFor(server, 30);
    const v = noneOfThese(qs);
    expect(unanswered(qs, v)).toEqual([]);
    v.fever = { answer: true, details: 'three days' };
    expect(toAnswers(qs, v)).toEqual([
      { code: 'cough_2_weeks', answer: false, details: '' },
      { code: 'fever', answer: true, details: 'three days' },
    ]);
  });
});

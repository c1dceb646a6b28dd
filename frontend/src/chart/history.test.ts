import { describe, expect, it } from 'vitest';
import { setLang } from '../i18n';
import { historyValues, questionText, questionsFor, toAnswers, unanswered } from './history';

const server = [
  { code: 'cough_2_weeks', question: 'Cough for two weeks or more?' },
  { code: 'fever', question: 'Fever without another cause?' },
  { code: 'mother_hiv_positive', question: '(Child) Mother known to have HIV?' },
  { code: 'new_question', question: 'Something new?' },
];

describe('medical history', () => {
  it('asks the child-only question of children only', () => {
    expect(questionsFor(server, 30).map((q) => q.code)).toEqual(['cough_2_weeks', 'fever', 'new_question']);
    expect(questionsFor(server, 8).map((q) => q.code)).toContain('mother_hiv_positive');
    expect(questionsFor(server, 15).map((q) => q.code)).not.toContain('mother_hiv_positive');
    expect(questionsFor(undefined, 30)).toEqual([]);
  });

  it('translates known questions and falls back to the server wording', () => {
    setLang('fr');
    expect(questionText(server[1])).toBe('Fièvre');
    expect(questionText(server[3])).toBe('Something new');
    setLang('en');
  });

  it('lists unanswered questions, keeps recorded answers, drops details of a no', () => {
    const qs = questionsFor(server, 30);
    const v = historyValues(qs, [{ code: 'fever', answer: true, details: ' since May ' }]);
    expect(v.fever).toEqual({ answer: true, details: ' since May ' });
    expect(unanswered(qs, v).map((q) => q.code)).toEqual(['cough_2_weeks', 'new_question']);
    v.cough_2_weeks = { answer: false, details: 'typed, then answered no' };
    v.new_question = { answer: false, details: '' };
    expect(toAnswers(qs, v)).toEqual([
      { code: 'cough_2_weeks', answer: false, details: '' },
      { code: 'fever', answer: true, details: 'since May' },
      { code: 'new_question', answer: false, details: '' },
    ]);
  });
});

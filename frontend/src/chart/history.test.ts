import { describe, expect, it } from 'vitest';
import { setLang } from '../i18n';
import { historyValues, questionText, questionsFor, shown, toAnswers, unanswered } from './history';

const server = [
  { code: 'cough_2_weeks', question: 'Cough for two weeks or more?', fr: 'Toux depuis 2 semaines ou plus ?', rw: 'Inkorora?' },
  { code: 'fever', question: 'Fever without another cause?', fr: 'Fièvre sans autre cause ?', rw: 'Umuriro?' },
  { code: 'mother_hiv_positive', question: '(Child) Mother known to have HIV?', asked_of: { sex: '', age_min: 0, age_below: 15 } },
  { code: 'lmp', question: 'Has menstrual periods?', date: 'required', asked_of: { sex: 'female', age_min: 10, age_below: 0 } },
  { code: 'tb_contact', question: 'TB contact?', date: 'optional' },
  { code: 'tb_contact_treated', question: 'Was that person treated?', depends_on: 'tb_contact' },
];

describe('medical history', () => {
  it('asks each question of the people the bank names', () => {
    expect(questionsFor(server, 30, 'male').map((q) => q.code)).toEqual(['cough_2_weeks', 'fever', 'tb_contact', 'tb_contact_treated']);
    expect(questionsFor(server, 30, 'female').map((q) => q.code)).toContain('lmp');
    expect(questionsFor(server, 8, 'female').map((q) => q.code)).toContain('mother_hiv_positive');
    expect(questionsFor(server, 8, 'female').map((q) => q.code)).not.toContain('lmp');
    expect(questionsFor(server, 15).map((q) => q.code)).not.toContain('mother_hiv_positive');
    expect(questionsFor(undefined, 30)).toEqual([]);
  });

  it('words the question in the user language from the bank', () => {
    setLang('fr');
    expect(questionText(server[1])).toBe('Fièvre sans autre cause ?');
    expect(questionText(server[4])).toBe('TB contact?');
    setLang('rw');
    expect(questionText(server[0])).toBe('Inkorora?');
    setLang('en');
    expect(questionText(server[2])).toBe('Mother known to have HIV?');
  });

  it('asks a follow-up only after a yes, and sends the date with a yes only', () => {
    const qs = questionsFor(server, 30, 'male');
    const v = historyValues(qs, [{ code: 'fever', answer: true, details: ' since May ', date: '' }]);
    expect(v.fever).toEqual({ answer: true, details: ' since May ', date: '' });
    expect(shown(qs, v).map((q) => q.code)).not.toContain('tb_contact_treated');
    expect(unanswered(qs, v).map((q) => q.code)).toEqual(['cough_2_weeks', 'tb_contact']);
    v.cough_2_weeks = { answer: false, details: 'typed, then answered no', date: '2024' };
    v.tb_contact = { answer: true, details: 'Husband', date: ' 2024-03 ' };
    expect(unanswered(qs, v).map((q) => q.code)).toEqual(['tb_contact_treated']);
    v.tb_contact_treated = { answer: true, details: '', date: '2024' };
    expect(toAnswers(qs, v)).toEqual([
      { code: 'cough_2_weeks', answer: false, details: '', date: '' },
      { code: 'fever', answer: true, details: 'since May', date: '' },
      { code: 'tb_contact', answer: true, details: 'Husband', date: '2024-03' },
      { code: 'tb_contact_treated', answer: true, details: '', date: '' },
    ]);
  });
});

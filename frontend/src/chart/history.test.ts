import { describe, expect, it } from 'vitest';
import { historyValues, questionsFor, toAnswers, toFindings, unanswered } from './history';

describe('medical history', () => {
  it('asks the child-only questions of children only', () => {
    const adult = questionsFor(30).map((q) => q.code);
    const child = questionsFor(8).map((q) => q.code);
    expect(adult).not.toContain('mother_hiv_positive');
    expect(child).toContain('mother_hiv_positive');
    expect(questionsFor(15).map((q) => q.code)).not.toContain('received_blood_products');
  });

  it('derives tb_symptoms from any one symptom', () => {
    const qs = questionsFor(30);
    const v = historyValues(qs, []);
    for (const q of qs) v[q.code] = { answer: false, details: '' };
    expect(toFindings(qs, v).tb_symptoms).toBe(false);
    v.night_sweats = { answer: true, details: 'two weeks' };
    const f = toFindings(qs, v);
    expect(f.tb_symptoms).toBe(true);
    expect(f.tb_contact).toBe(false);
    expect(f.hiv_infected).toBe(false);
  });

  it('lists unanswered questions and keeps recorded answers', () => {
    const qs = questionsFor(30);
    const v = historyValues(qs, [{ code: 'fever', question: 'Fever?', answer: true, details: 'since May' }]);
    expect(v.fever).toEqual({ answer: true, details: 'since May' });
    expect(unanswered(qs, v).map((q) => q.code)).not.toContain('fever');
    expect(unanswered(qs, v)).toHaveLength(qs.length - 1);
    const a = toAnswers(qs, v).find((x) => x.code === 'fever');
    expect(a?.details).toBe('since May');
    expect(a?.question.length).toBeGreaterThan(3);
  });
});

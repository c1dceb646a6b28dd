import { describe, expect, it } from 'vitest';
import { lowered, outcomeCodes, toggle } from './outcomes';

const scale = [
  { code: 'no_class', severity: 0, label: 'No TB class', holds_travel: false },
  { code: 'class_b3_tb_contact', severity: 1, label: 'B3', holds_travel: false },
  { code: 'class_b2_ltbi', severity: 2, label: 'B2', holds_travel: false },
  { code: 'class_b1_tb_pulmonary', severity: 3, label: 'B1', holds_travel: false },
  { code: 'class_a_tb', severity: 9, label: 'A', holds_travel: true },
];

describe('classification codes', () => {
  it('keeps "no class" alone', () => {
    expect(toggle('US', ['class_b2_ltbi'], 'no_class', true)).toEqual(['no_class']);
    expect(toggle('US', ['no_class'], 'class_b2_ltbi', true)).toEqual(['class_b2_ltbi']);
    expect(toggle('CA', ['no_finding'], 'refer_tb', true)).toEqual(['refer_tb']);
    expect(toggle('US', ['class_b1_tb_pulmonary', 'class_b3_tb_contact'], 'class_b3_tb_contact', false)).toEqual([
      'class_b1_tb_pulmonary',
    ]);
  });

  it('offers the scale\'s codes, else the contract\'s', () => {
    expect(outcomeCodes('US', scale)).toEqual(scale.map((l) => l.code));
    expect(outcomeCodes('NZ', [])).toContain('refer_renal');
  });

  it('without a scale, any dropped finding lowers', () => {
    expect(lowered('US', { codes: ['class_b2_ltbi'] }, ['class_b2_ltbi', 'class_b_other'])).toEqual([]);
    expect(lowered('US', { codes: ['class_b2_ltbi', 'class_b3_tb_contact'] }, ['class_b3_tb_contact'])).toEqual(['class_b2_ltbi']);
    expect(lowered('US', { codes: ['no_class'] }, ['class_b_other'])).toEqual([]);
    expect(lowered('NZ', { codes: ['refer_renal'] }, ['no_finding'])).toEqual(['refer_renal']);
  });

  it('with a scale, compares severities as the server does', () => {
    const rules = { codes: ['class_b2_ltbi', 'class_b3_tb_contact'], severity: 2, scale };
    // Raising to B1 while dropping the less severe B3 is not lowering.
    expect(lowered('US', rules, ['class_b1_tb_pulmonary', 'class_b2_ltbi'])).toEqual([]);
    expect(lowered('US', rules, ['class_b1_tb_pulmonary'])).toEqual([]);
    // Dropping B2 for B3 alone lowers.
    expect(lowered('US', rules, ['class_b3_tb_contact'])).toEqual(['class_b2_ltbi']);
    expect(lowered('US', rules, ['no_class'])).toEqual(['class_b2_ltbi', 'class_b3_tb_contact']);
    // Keeping every finding never lowers.
    expect(lowered('US', rules, ['class_b2_ltbi', 'class_b3_tb_contact'])).toEqual([]);
  });
});

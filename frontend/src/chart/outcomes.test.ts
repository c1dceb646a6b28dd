import { describe, expect, it } from 'vitest';
import { lowered, toggle } from './outcomes';

describe('classification codes', () => {
  it('keeps "no class" alone', () => {
    expect(toggle('US', ['class_b2_ltbi'], 'no_class', true)).toEqual(['no_class']);
    expect(toggle('US', ['no_class'], 'class_b2_ltbi', true)).toEqual(['class_b2_ltbi']);
    expect(toggle('CA', ['no_finding'], 'refer_tb', true)).toEqual(['refer_tb']);
    expect(toggle('US', ['class_b1_tb_pulmonary', 'class_b3_tb_contact'], 'class_b3_tb_contact', false)).toEqual([
      'class_b1_tb_pulmonary',
    ]);
  });

  it('says which of the rules\' findings were taken away', () => {
    expect(lowered('US', ['class_b2_ltbi'], ['class_b2_ltbi', 'class_b_other'])).toEqual([]);
    expect(lowered('US', ['class_b2_ltbi', 'class_b3_tb_contact'], ['class_b3_tb_contact'])).toEqual(['class_b2_ltbi']);
    // Replacing "no class" with a finding raises, never lowers.
    expect(lowered('US', ['no_class'], ['class_b_other'])).toEqual([]);
    expect(lowered('NZ', ['refer_renal'], ['no_finding'])).toEqual(['refer_renal']);
  });
});

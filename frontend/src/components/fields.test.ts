import { describe, expect, it } from 'vitest';
import { isNumberText } from './fields';

describe('number fields', () => {
  it('take digits with one decimal point or comma, and a sign', () => {
    for (const ok of ['162', '61.5', '61,5', '-2', '+3', '.5', '38.', ' 36.6 ']) expect(isNumberText(ok), ok).toBe(true);
  });
  it('name letters and other typing errors instead of emptying the field', () => {
    for (const bad of ['16o', 'abc', '1.2.3', '3e2', '12 kg', '-', '1,2,3']) expect(isNumberText(bad), bad).toBe(false);
  });
});

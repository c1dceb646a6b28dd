import { describe, expect, it } from 'vitest';
import { askedByRules } from './referralsAsked';
import type { Chart } from '../types';

type Plan = Pick<Chart['plan'], 'required' | 'pending'>;
const req = (step: string, rule: string) => ({ step, rule }) as Chart['plan']['required'][number];

describe('the referral the rules wait for', () => {
  it('names the specialty and the rule of the first report still pending', () => {
    const plan: Plan = {
      required: [req('cxr', 'nz.tb.cxr'), req('referral_nephrology', 'nz.renal.nephrologist_report')],
      pending: ['referral_nephrology'],
    };
    expect(askedByRules(plan)).toEqual({ specialty: 'Nephrology', rule: 'nz.renal.nephrologist_report' });
  });
  it('asks nothing once the report is in, or when no rule asks for one', () => {
    expect(askedByRules({ required: [req('referral_nephrology', 'nz.renal.nephrologist_report')], pending: [] })).toBeNull();
    expect(askedByRules({ required: [req('cxr', 'us.tb.cxr')], pending: ['cxr'] })).toBeNull();
  });
  it('says a specialty of several words in words', () => {
    expect(askedByRules({ required: [req('referral_infectious_diseases', 'x')], pending: ['referral_infectious_diseases'] })?.specialty)
      .toBe('Infectious diseases');
  });
});

// Which specialist's report the rules still wait for, so the referral form can name it.
import type { Chart } from '../types';

/** The first specialist's report the plan requires and still waits for: its specialty in words and its rule. */
export function askedByRules(plan: Pick<Chart['plan'], 'required' | 'pending'>): { specialty: string; rule: string } | null {
  const step = plan.required.find((r) => r.step.startsWith('referral_') && plan.pending.includes(r.step));
  if (!step) return null;
  const words = step.step.slice('referral_'.length).replace(/_/g, ' ');
  return { specialty: words.charAt(0).toUpperCase() + words.slice(1), rule: step.rule };
}

// Outcome codes and the rule for "lowering": the same comparison the server makes, so the form
// asks for a reason before the server has to refuse.
import type { OutcomeLevel } from '../types';

/** Each protocol's codes (protocol-contract.md), for a chart whose plan carries no scale. */
const fallbackCodes: Record<string, string[]> = {
  US: [
    'no_class', 'class_a_tb', 'class_b0_tb', 'class_b1_tb_pulmonary', 'class_b1_tb_extrapulmonary',
    'class_b2_ltbi', 'class_b3_tb_contact', 'class_a_syphilis', 'class_a_gonorrhea', 'class_b_other',
  ],
  CA: ['no_finding', 'refer_tb', 'medical_surveillance', 'refer_specialist'],
  AU: ['no_finding', 'refer_tb', 'refer_specialist', 'hiv_positive_refer'],
  NZ: ['no_finding', 'refer_tb', 'refer_renal', 'refer_diabetes', 'refer_specialist'],
};

/** The codes a physician may choose: the plan's scale when given, else the contract's list. */
export function outcomeCodes(country: string, scale: OutcomeLevel[] | undefined): string[] {
  return scale?.length ? scale.map((l) => l.code) : fallbackCodes[country] ?? [];
}

/** The "nothing found" code, which stands only alone. */
export function noneCode(country: string): string {
  return country === 'US' ? 'no_class' : 'no_finding';
}

/** Toggle one code, keeping "nothing found" exclusive of every other code. */
export function toggle(country: string, codes: string[], code: string, on: boolean): string[] {
  const none = noneCode(country);
  if (!on) return codes.filter((c) => c !== code);
  if (code === none) return [none];
  return [...codes.filter((c) => c !== none && c !== code), code];
}

export interface RulesFinding {
  /** The codes the rules found. */
  codes: string[];
  /** The highest severity among them, when the plan says. */
  severity?: number;
  scale?: OutcomeLevel[];
}

/**
 * The rules' findings the chosen codes leave out in a way that lowers the outcome: the chosen
 * codes' highest severity is below the rules', or a found code at least as severe as the
 * chosen ones is dropped. Without a scale, dropping any found code (but "nothing found") counts.
 */
export function lowered(country: string, rules: RulesFinding, chosen: string[]): string[] {
  const none = noneCode(country);
  const dropped = rules.codes.filter((c) => c !== none && !chosen.includes(c));
  if (!rules.scale?.length) return dropped;
  const sev = new Map(rules.scale.map((l) => [l.code, l.severity]));
  const top = Math.max(-1, ...chosen.map((c) => sev.get(c) ?? -1));
  const rulesTop = rules.severity ?? Math.max(-1, ...rules.codes.map((c) => sev.get(c) ?? -1));
  const out = dropped.filter((c) => (sev.get(c) ?? -1) >= top);
  if (top < rulesTop && out.length === 0) return rules.codes.filter((c) => !chosen.includes(c));
  return out;
}

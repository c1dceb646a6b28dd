// Outcome codes each country's protocol uses (protocol-contract.md, "Outcome codes").

export const outcomeCodes: Record<string, string[]> = {
  US: [
    'no_class', 'class_a_tb', 'class_b0_tb', 'class_b1_tb_pulmonary', 'class_b1_tb_extrapulmonary',
    'class_b2_ltbi', 'class_b3_tb_contact', 'class_a_syphilis', 'class_a_gonorrhea', 'class_b_other',
  ],
  CA: ['no_finding', 'refer_tb', 'medical_surveillance', 'refer_specialist'],
  AU: ['no_finding', 'refer_tb', 'refer_specialist', 'hiv_positive_refer'],
  NZ: ['no_finding', 'refer_tb', 'refer_renal', 'refer_diabetes', 'refer_specialist'],
};

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

/**
 * The rules' findings the physician has taken away. Removing one lowers the classification
 * below what the rules found, which needs a written reason.
 */
export function lowered(country: string, ruleCodes: string[], chosen: string[]): string[] {
  const none = noneCode(country);
  return ruleCodes.filter((c) => c !== none && !chosen.includes(c));
}

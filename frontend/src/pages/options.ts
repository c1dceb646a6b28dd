// Helpers shared by pages: code lists as labelled options, and ISO country lists.
import type { Option } from '../components/fields';
import { countryName, label } from '../i18n';

export function codeOptions(prefix: string, codes: string[]): Option[] {
  return codes.map((c) => ({ value: c, label: label(prefix, c) }));
}

/** "cd, RW;  ug" → ["CD", "RW", "UG"] (duplicates dropped, order kept). */
export function parseCountries(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[\s,;]+/)) {
    const c = part.trim().toUpperCase();
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

/** The codes of a country list with their names, unknown codes marked with "?". */
export function countryList(s: string | string[]): string {
  const codes = Array.isArray(s) ? s : parseCountries(s);
  return codes.map((c) => `${c} ${countryName(c) || '?'}`).join(' · ');
}

// The countries a person can be from or live in, named in the user's language. The codes are
// ISO 3166-1 alpha-2 (what the server stores); the names come from the browser's
// Intl.DisplayNames, so no list of names is shipped. Codes that name no country (EU, UN, the
// reserved X*, Q*, ZZ, "exceptionally reserved" territories) and withdrawn codes are left out.
import { countryName } from './i18n';

const notCountries = new Set([
  'AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ',
  // withdrawn codes
  'AN', 'BU', 'CS', 'DD', 'FX', 'NT', 'SU', 'TP', 'YD', 'YU', 'ZR',
]);

let codes: string[] | null = null;

/** Every country code the browser can name, A to Z. */
export function countryCodes(): string[] {
  if (codes) return codes;
  const out: string[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const c = String.fromCharCode(a, b);
      if (!notCountries.has(c) && countryName(c) && countryName(c) !== c) out.push(c);
    }
  }
  codes = out;
  return out;
}

/** A country typed by its name (any case) or its code, as its code; the text unchanged otherwise. */
export function countryCodeOf(typed: string): string {
  const s = typed.trim();
  if (/^[A-Za-z]{2}$/.test(s)) return s.toUpperCase();
  const want = s.toLocaleLowerCase();
  if (!want) return s;
  const hit = countryCodes().find((c) => countryName(c).toLocaleLowerCase() === want);
  return hit ?? typed;
}

// One t(key) for every visible string. The English catalog defines the keys; the French and
// Kinyarwanda catalogs are typed against it, and a unit test checks them at run time too.
import { en, type Key } from './en';
import { fr } from './fr';
import { rw } from './rw';

export type { Key };
export type Lang = 'en' | 'fr' | 'rw';

export const catalogs: Record<Lang, Record<Key, string>> = { en, fr, rw };
export const languages: { code: Lang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'rw', name: 'Ikinyarwanda' },
];

const STORE = 'mhac.lang';
let current: Lang = initial();
const listeners = new Set<(l: Lang) => void>();

function initial(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORE);
    if (saved === 'en' || saved === 'fr' || saved === 'rw') return saved;
  } catch {
    // Storage blocked: fall back to English.
  }
  return 'en';
}

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  try {
    localStorage.setItem(STORE, l);
  } catch {
    // Not persisted, but still applied for this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
  listeners.forEach((fn) => fn(l));
}

export function onLangChange(fn: (l: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The text of key in the current language, with {name} placeholders filled from params. */
export function t(key: Key, params?: Record<string, string | number>): string {
  return fill(catalogs[current][key] ?? en[key] ?? key, params);
}

/** The text of key in a given language (e.g. English questions stored with the record). */
export function tIn(l: Lang, key: Key, params?: Record<string, string | number>): string {
  return fill(catalogs[l][key] ?? key, params);
}

function fill(s: string, params?: Record<string, string | number>): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function hasKey(key: string): key is Key {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * A code (step, outcome, state, drug, ...) in words: the catalog's entry for prefix.code when
 * there is one, else the server's own label, else the code with its underscores turned to spaces.
 */
export function label(prefix: string, code: string, serverLabel?: string): string {
  const key = prefix + '.' + code;
  if (hasKey(key)) return t(key);
  if (serverLabel) return serverLabel;
  return code.replace(/_/g, ' ');
}

/** A country's name in the current language from its ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return '';
  for (const l of [current, 'en']) {
    try {
      const name = new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }).of(c);
      if (name) return name;
    } catch {
      // This runtime has no names for l: try the next.
    }
  }
  return '';
}

let siteTimeZone: string | undefined;

/** The site's IANA time zone, set at sign-in: every time shown is in it, not the browser's. */
export function setSiteTimeZone(tz: string | undefined): void {
  siteTimeZone = tz || undefined;
}

/** Clinic-local date and time of an RFC 3339 instant, in the site's time zone. */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone ?? siteTimeZone };
  try {
    return new Intl.DateTimeFormat(current, opts).format(d);
  } catch {
    return new Intl.DateTimeFormat('en', { ...opts, timeZone: undefined }).format(d);
  }
}

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { catalogs, label, setLang, t } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  for (const [lang, cat] of Object.entries(catalogs)) {
    it(`${lang} has every key, no extra key, no empty text, the same placeholders`, () => {
      const keys = Object.keys(en).sort();
      expect(Object.keys(cat).sort()).toEqual(keys);
      for (const k of keys) {
        const text = (cat as Record<string, string>)[k];
        expect(text.trim(), `${lang} ${k}`).not.toBe('');
        expect(placeholders(text), `${lang} ${k}`).toEqual(placeholders((en as Record<string, string>)[k]));
      }
    });
  }

  it('translates every phrase rather than copying the English', () => {
    // Units, abbreviations and single shared words ("Destination", "Notes") may stay equal;
    // a phrase of three words or more may not.
    for (const lang of ['fr', 'rw'] as const) {
      const same = Object.keys(en).filter((k) => {
        const text = (en as Record<string, string>)[k];
        return (catalogs[lang] as Record<string, string>)[k] === text && text.split(/\s+/).length >= 3;
      });
      expect(same, lang).toEqual([]);
    }
  });
});

// Every t('key') in the source must exist, so no screen ever shows a raw key.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('source', () => {
  it('uses only keys the catalogs define', () => {
    const used = new Set<string>();
    for (const f of sources(join(__dirname, '..'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});

describe('t and label', () => {
  it('fills placeholders and switches language', () => {
    setLang('fr');
    expect(t('case.title', { number: 'RW-1' })).toBe('Dossier RW-1');
    expect(label('step', 'cxr')).toBe('Radiographie thoracique');
    setLang('rw');
    expect(label('status', 'fit_to_travel')).toBe('Ashobora gukora urugendo');
    setLang('en');
    expect(label('status', 'pec_due')).toBe('Pre-embarkation check due');
  });

  it('falls back to the server label, then to spaced words, never a bare code', () => {
    setLang('en');
    expect(label('state', 'new_state_x', 'New state')).toBe('New state');
    expect(label('state', 'new_state_x')).toBe('new state x');
  });
});

import { describe, expect, it } from 'vitest';
import { setLang } from './i18n';
import { formName, waitingFor } from './words';

describe('words', () => {
  it('names a form in words', () => {
    setLang('en');
    expect(formName('501')).toBe('Form 501 — Medical examination for an Australian visa');
    expect(formName('INZ 1096')).toBe('Form INZ 1096 — Chest X-ray certificate');
    expect(formName('XYZ')).toBe('XYZ');
    setLang('fr');
    expect(formName('707')).toBe('Formulaire 707 — Test du VIH');
    setLang('en');
  });

  it('says how long someone has waited', () => {
    setLang('en');
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(waitingFor('2026-12-03T09:48:00Z', now)).toBe('12 min');
    expect(waitingFor('2026-12-03T08:55:00Z', now)).toBe('1 h 5 min');
    expect(waitingFor('2026-11-30T10:00:00Z', now)).toBe('3 d');
    expect(waitingFor('2026-12-03T09:59:40Z', now)).toBe('just now');
    expect(waitingFor(null, now)).toBe('—');
  });
});

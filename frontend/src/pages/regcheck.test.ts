import { describe, expect, it } from 'vitest';
import { countryCodeOf, countryCodes } from '../countries';
import { checkMember, todayIn } from './regcheck';
import type { MemberDraft } from './Registration';

const m: MemberDraft = {
  surnames: 'Uwase', given_names: 'Alice', birth_date: '1990-01-02', birth_date_estimated: false, sex: 'female',
  relationship: 'principal', nationality: 'RW', country_of_birth: '', residence_country: 'RW', countries_lived: '',
  document_type: 'UNHCR', document_number: '', phone: '', unaccompanied_minor: false, adoptee: false,
};

describe('registration checks', () => {
  it('accepts a whole member', () => {
    expect(checkMember(m, 'members[0].', '2026-12-03')).toEqual([]);
  });
  it('refuses a birth date after today and names the field', () => {
    const errs = checkMember({ ...m, birth_date: '2026-12-04' }, 'members[1].', '2026-12-03');
    expect(errs.map((e) => `${e.field}:${e.code}`)).toEqual(['members[1].birth_date:in_future']);
  });
  it('says what is wrong with a name', () => {
    const errs = checkMember({ ...m, surnames: 'Уваse', given_names: '' }, '', '2026-12-03');
    expect(errs.map((e) => `${e.field}:${e.code}`)).toEqual(['surnames:not_latin']);
    expect(checkMember({ ...m, surnames: ' ', given_names: '' }, '', '2026-12-03')[0].code).toBe('required');
  });
  it('lists the empty required fields', () => {
    const errs = checkMember({ ...m, sex: '', residence_country: '' }, '', '2026-12-03');
    expect(errs.map((e) => e.field)).toEqual(['sex', 'residence_country']);
  });
  it('takes today in the site time zone', () => {
    const late = new Date('2026-03-03T23:30:00Z');
    expect(todayIn('Africa/Kigali', late)).toBe('2026-03-04');
    expect(todayIn('UTC', late)).toBe('2026-03-03');
  });
});

describe('country picker', () => {
  it('lists countries, not regions or withdrawn codes', () => {
    const cs = countryCodes();
    expect(cs).toContain('RW');
    expect(cs).toContain('CD');
    for (const not of ['EU', 'UN', 'ZZ', 'ZR', 'XA']) expect(cs).not.toContain(not);
    expect(cs.length).toBeGreaterThan(240);
  });
  it('turns a typed name into its code', () => {
    expect(countryCodeOf('rwanda')).toBe('RW');
    expect(countryCodeOf('rw')).toBe('RW');
    expect(countryCodeOf('Atlantis')).toBe('Atlantis');
  });
});

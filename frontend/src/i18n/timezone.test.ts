import { afterEach, describe, expect, it } from 'vitest';
import { dateTime, setLang, setSiteTimeZone } from './index';

describe('one time zone: the site’s', () => {
  afterEach(() => setSiteTimeZone(undefined));
  it('shows times in the site’s zone, whatever the browser’s', () => {
    setLang('en');
    setSiteTimeZone('Africa/Kigali');
    // 21:57 UTC is 23:57 in Kigali (UTC+2).
    expect(dateTime('2026-12-02T21:57:00Z')).toMatch(/23:57|11:57\s?PM/i);
    setSiteTimeZone('America/New_York');
    expect(dateTime('2026-12-02T21:57:00Z')).toMatch(/16:57|4:57\s?PM/i);
    expect(dateTime('2026-12-02T21:57:00Z', 'Africa/Kigali')).toMatch(/23:57|11:57\s?PM/i);
  });
});

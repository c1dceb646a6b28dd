import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VitalsRanges } from '../types';
import { bmi, vitalsFlags } from './vitalsFlags';

// The ranges the server serves: the data file itself.
const ranges = JSON.parse(readFileSync(join(__dirname, '../../../clinic/reference/vitals-ranges.json'), 'utf8')) as VitalsRanges;
const codes = (v: Parameters<typeof vitalsFlags>[0], age = 30) => vitalsFlags(v, age, ranges).map((f) => `${f.kind}:${f.code}`);

describe('vitals flags', () => {
  it('computes the BMI', () => {
    expect(bmi({ height_cm: 160, weight_kg: 64 })).toBe(25);
    expect(bmi({ height_cm: 160 })).toBeNull();
  });
  it('flags nothing for ordinary adult values', () => {
    expect(codes({ height_cm: 168, weight_kg: 64.5, bp_systolic: 118, bp_diastolic: 76, pulse: 78, temperature_c: 36.7 })).toEqual([]);
  });
  it('flags typing errors as implausible, and not also as abnormal', () => {
    expect(codes({ height_cm: 16.8, weight_kg: 64 })).toContain('implausible:height');
    expect(codes({ bp_systolic: 80, bp_diastolic: 120 })).toContain('implausible:bp_order');
    expect(codes({ temperature_c: 3.7 })).toEqual(['implausible:temperature']);
    expect(codes({ pulse: 300 })).toEqual(['implausible:pulse']);
  });
  it('flags abnormal adult values, at the limits of the data file', () => {
    expect(codes({ height_cm: 170, weight_kg: 53 })).toEqual(['abnormal:bmi_low']); // 18.3
    expect(codes({ height_cm: 170, weight_kg: 54 })).toEqual([]); // 18.7
    expect(codes({ bp_systolic: 140, bp_diastolic: 80 })).toEqual(['abnormal:bp_high']);
    expect(codes({ bp_systolic: 150, bp_diastolic: 95 })).toEqual(['abnormal:bp_high']); // one flag for both
    expect(codes({ bp_systolic: 139, bp_diastolic: 89 })).toEqual([]);
    expect(codes({ temperature_c: 38 })).toEqual(['abnormal:fever']);
    expect(codes({ pulse: 101 })).toEqual(['abnormal:pulse']);
  });
  it('says the range that flagged the value and its source', () => {
    const [f] = vitalsFlags({ temperature_c: 38.4 }, 30, ranges);
    expect(f.limit).toBe('≥ 38');
    expect(f.check?.source.doc).toContain('CDC');
    expect(vitalsFlags({ pulse: 40 }, 30, ranges)[0].limit).toBe('< 50 or > 100');
    expect(vitalsFlags({ bp_systolic: 150, bp_diastolic: 95 }, 30, ranges)[0].limit).toBe('≥ 140 or ≥ 90');
    expect(vitalsFlags({ bp_systolic: 120, bp_diastolic: 95 }, 30, ranges)[0].limit).toBe('≥ 90');
  });
  it('follows the file, not the code: another adult age or threshold changes the flags', () => {
    const other = { ...ranges, adult_from_years: 12, checks: ranges.checks.map((c) => (c.code === 'fever' ? { ...c, at_least: 37.5 } : c)) };
    expect(vitalsFlags({ temperature_c: 37.6 }, 30, other).map((f) => f.code)).toEqual(['fever']);
    expect(vitalsFlags({ pulse: 110 }, 14, other).map((f) => f.code)).toEqual(['pulse']);
  });
  it('for a child, only implausible values and fever', () => {
    expect(codes({ height_cm: 127, weight_kg: 22, pulse: 110 }, 8)).toEqual([]);
    expect(codes({ temperature_c: 38.5 }, 8)).toEqual(['abnormal:fever']);
  });
});

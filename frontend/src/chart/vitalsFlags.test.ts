import { describe, expect, it } from 'vitest';
import { bmi, vitalsFlags } from './vitalsFlags';

const codes = (v: Parameters<typeof vitalsFlags>[0], adult = true) => vitalsFlags(v, adult).map((f) => `${f.kind}:${f.code}`);

describe('vitals flags', () => {
  it('computes the BMI', () => {
    expect(bmi({ height_cm: 160, weight_kg: 64 })).toBe(25);
    expect(bmi({ height_cm: 160 })).toBeNull();
  });
  it('flags nothing for ordinary adult values', () => {
    expect(codes({ height_cm: 168, weight_kg: 64.5, bp_systolic: 118, bp_diastolic: 76, pulse: 78, temperature_c: 36.7 })).toEqual([]);
  });
  it('flags typing errors as implausible', () => {
    expect(codes({ height_cm: 16.8, weight_kg: 64 })).toContain('implausible:height');
    expect(codes({ bp_systolic: 80, bp_diastolic: 120 })).toContain('implausible:bp_order');
    expect(codes({ temperature_c: 3.7 })).toContain('implausible:temperature');
  });
  it('flags abnormal adult values, at their limits', () => {
    expect(codes({ height_cm: 170, weight_kg: 53 })).toEqual(['abnormal:bmi_low']); // 18.3
    expect(codes({ height_cm: 170, weight_kg: 54 })).toEqual([]); // 18.7
    expect(codes({ bp_systolic: 140, bp_diastolic: 80 })).toEqual(['abnormal:bp_high']);
    expect(codes({ bp_systolic: 139, bp_diastolic: 89 })).toEqual([]);
    expect(codes({ temperature_c: 38 })).toEqual(['abnormal:fever']);
    expect(codes({ pulse: 101 })).toEqual(['abnormal:pulse']);
  });
  it('for a child, only implausible values and fever', () => {
    expect(codes({ height_cm: 127, weight_kg: 22, pulse: 110 }, false)).toEqual([]);
    expect(codes({ temperature_c: 38.5 }, false)).toEqual(['abnormal:fever']);
  });
});

// Flags on the vitals as the nurse types them: the body-mass index, values that are probably
// typing errors (implausible), and values outside the usual adult range (abnormal). These are
// general clinical ranges, not a receiving country's rule: WHO BMI classes (under 18.5
// underweight, 30 or more obese), fever from 38.0 °C, blood pressure from 140/90 (WHO
// hypertension), resting pulse outside 50–100 per minute.
export interface VitalsInput {
  height_cm?: number;
  weight_kg?: number;
  bp_systolic?: number;
  bp_diastolic?: number;
  pulse?: number;
  temperature_c?: number;
}

export interface VitalsFlag {
  field: keyof VitalsInput | 'bmi';
  kind: 'implausible' | 'abnormal';
  code: string; // i18n key suffix, e.g. "bmi_low"
}

export function bmi(v: VitalsInput): number | null {
  if (!v.height_cm || !v.weight_kg) return null;
  const m = v.height_cm / 100;
  return Math.round((v.weight_kg / (m * m)) * 10) / 10;
}

/** Flags for an adult (age 18 or more); for a child only the implausible ones. */
export function vitalsFlags(v: VitalsInput, adult: boolean): VitalsFlag[] {
  const out: VitalsFlag[] = [];
  const add = (field: VitalsFlag['field'], kind: VitalsFlag['kind'], code: string) => out.push({ field, kind, code });
  const b = bmi(v);
  if (v.height_cm && (v.height_cm < 40 || v.height_cm > 230)) add('height_cm', 'implausible', 'height');
  if (b !== null && (b < 10 || b > 70)) add('bmi', 'implausible', 'bmi');
  if (v.bp_systolic && v.bp_diastolic && v.bp_diastolic >= v.bp_systolic) add('bp_diastolic', 'implausible', 'bp_order');
  if (v.pulse && (v.pulse < 25 || v.pulse > 250)) add('pulse', 'implausible', 'pulse');
  if (v.temperature_c && (v.temperature_c < 33 || v.temperature_c > 43)) add('temperature_c', 'implausible', 'temperature');
  if (v.temperature_c && v.temperature_c >= 38 && v.temperature_c <= 43) add('temperature_c', 'abnormal', 'fever');
  if (!adult) return out;
  if (b !== null && b >= 10 && b < 18.5) add('bmi', 'abnormal', 'bmi_low');
  if (b !== null && b >= 30 && b <= 70) add('bmi', 'abnormal', 'bmi_high');
  if ((v.bp_systolic ?? 0) >= 140 || (v.bp_diastolic ?? 0) >= 90) add('bp_systolic', 'abnormal', 'bp_high');
  if (v.pulse && v.pulse >= 25 && v.pulse <= 250 && (v.pulse < 50 || v.pulse > 100)) add('pulse', 'abnormal', 'pulse');
  return out;
}

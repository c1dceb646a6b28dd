// The pre-embarkation check: flight, vitals, the symptom questionnaire, pregnancy, new conditions
// and medicines, the outcome (fit, fit with assistance, not fit with a reason and a re-check
// date) and the travel needs. A check with assistance issues a MEDIF (the server decides).
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { Checkbox, SelectField, TextArea, TextField, YesNo } from '../components/fields';
import { dateTime, t, type Key } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

const SYMPTOMS = ['fever', 'cough', 'rash', 'diarrhoea', 'sick_contact'] as const;
type Symptom = (typeof SYMPTOMS)[number];
const OUTCOMES = ['fit', 'fit_with_assistance', 'not_fit'] as const;
type Outcome = (typeof OUTCOMES)[number];
// The radio ids keep the first check's ids for fit and not fit.
const OUTCOME_IDS: Record<Outcome, string> = { fit: 'pec-fit-yes', fit_with_assistance: 'pec-fit-assist', not_fit: 'pec-fit-no' };

interface Values {
  flight_number: string;
  temperature_c: string;
  pulse: string;
  systolic_bp: string;
  diastolic_bp: string;
  spo2: string;
  respiratory_rate: string;
  symptoms: boolean | null;
  present: Symptom[];
  details: Record<string, string>;
  pregnancy_weeks: string;
  pregnancy_multiple: boolean;
  new_conditions: string;
  new_medicines: string;
  outcome: Outcome | '';
  not_fit_reason: string;
  recheck_date: string;
  escort: string;
  wheelchair: string;
  stretcher: boolean;
  oxygen_lpm: string;
  other: string;
  remarks: string;
}

const num = (s: string) => (s.trim() === '' ? 0 : Number(s));

export function PecSection({ chart, setChart, reload }: SectionProps) {
  const p = chart.pec;
  const form = useDraftForm<Values>(`${chart.id}.pec2`, {
    flight_number: p?.flight_number ?? chart.case.flight?.number ?? '',
    temperature_c: p ? String(p.temperature_c) : '',
    pulse: p?.pulse ? String(p.pulse) : '',
    systolic_bp: p?.systolic_bp ? String(p.systolic_bp) : '',
    diastolic_bp: p?.diastolic_bp ? String(p.diastolic_bp) : '',
    spo2: p?.spo2 ? String(p.spo2) : '',
    respiratory_rate: p?.respiratory_rate ? String(p.respiratory_rate) : '',
    symptoms: p ? p.symptoms : null,
    present: (p?.symptom_answers ?? []).filter((a) => a.present).map((a) => a.code as Symptom),
    details: Object.fromEntries((p?.symptom_answers ?? []).map((a) => [a.code, a.details])),
    pregnancy_weeks: p?.pregnancy_weeks ? String(p.pregnancy_weeks) : '',
    pregnancy_multiple: p?.pregnancy_multiple ?? false,
    new_conditions: p?.new_conditions ?? '',
    new_medicines: p?.new_medicines ?? '',
    outcome: (p?.outcome as Outcome | undefined) ?? '',
    not_fit_reason: p?.not_fit_reason ?? '',
    recheck_date: p?.recheck_date ?? '',
    escort: p?.travel_needs.escort ?? '',
    wheelchair: p?.travel_needs.wheelchair ?? '',
    stretcher: p?.travel_needs.stretcher ?? false,
    oxygen_lpm: p?.travel_needs.oxygen_lpm ? String(p.travel_needs.oxygen_lpm) : '',
    other: p?.travel_needs.other ?? '',
    remarks: p?.remarks ?? '',
  });
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const canBePregnant = chart.applicant.sex === 'female';
  const hasNeeds = !!(v.escort.trim() || v.wheelchair || v.stretcher || num(v.oxygen_lpm) > 0 || v.other.trim());

  const submit = () => {
    const temp = Number(v.temperature_c);
    if (!v.flight_number.trim()) return form.setStatus({ kind: 'invalid', message: t('pec.flight_required') });
    if (v.temperature_c.trim() === '' || !Number.isFinite(temp) || temp < 30 || temp > 45) {
      return form.setStatus({ kind: 'invalid', message: t('vitals.out_of_range', { field: t('pec.temperature'), min: 30, max: 45 }) });
    }
    if (v.symptoms === null || v.outcome === '') return form.setStatus({ kind: 'invalid', message: t('pec.answer_all') });
    if (v.symptoms && v.present.length === 0) return form.setStatus({ kind: 'invalid', message: t('pec.sym_pick') });
    if (v.outcome === 'not_fit' && (!v.not_fit_reason.trim() || !v.recheck_date)) {
      return form.setStatus({ kind: 'invalid', message: t('pec.recheck_required') });
    }
    if (v.outcome === 'fit_with_assistance' && !hasNeeds) return form.setStatus({ kind: 'invalid', message: t('pec.needs_required') });
    const present = v.symptoms ? v.present : [];
    void form.submit(async () => {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/pec`, {
        version: chart.version,
        flight_number: v.flight_number.trim().toUpperCase(),
        temperature_c: temp,
        pulse: num(v.pulse),
        systolic_bp: num(v.systolic_bp),
        diastolic_bp: num(v.diastolic_bp),
        spo2: num(v.spo2),
        respiratory_rate: num(v.respiratory_rate),
        symptom_answers: SYMPTOMS.map((code) => ({
          code, present: present.includes(code), details: present.includes(code) ? (v.details[code] ?? '').trim() : '',
        })),
        pregnancy_weeks: canBePregnant && v.pregnancy_weeks.trim() ? Number(v.pregnancy_weeks) : null,
        pregnancy_multiple: canBePregnant && v.pregnancy_multiple,
        new_conditions: v.new_conditions.trim(),
        new_medicines: v.new_medicines.trim(),
        outcome: v.outcome,
        not_fit_reason: v.outcome === 'not_fit' ? v.not_fit_reason.trim() : '',
        recheck_date: v.outcome === 'not_fit' ? v.recheck_date : '',
        travel_needs: { escort: v.escort.trim(), wheelchair: v.wheelchair, stretcher: v.stretcher, oxygen_lpm: num(v.oxygen_lpm), other: v.other.trim() },
        remarks: v.remarks.trim(),
      }, { idempotencyKey: `${chart.id}-pec-${chart.version}` }));
    });
  };

  const togglePresent = (code: Symptom, on: boolean) =>
    form.set({ present: on ? [...v.present.filter((c) => c !== code), code] : v.present.filter((c) => c !== code) });

  return (
    <SectionForm id="pec" title={t('pec.title')} form={form} onSubmit={submit} onReload={reload} submitLabel={t('pec.save')}>
      {p && (
        <div class={'alert ' + (p.fit ? 'ok' : 'warn')} role="status" data-testid="pec-result">
          {p.fit ? t('pec.recorded_fit') : t('pec.recorded_not_fit')} · {t(`pec.out.${p.outcome}` as Key)} · {p.flight_number} ·{' '}
          {t('common.recorded_by', { by: p.by, when: dateTime(p.at) })}
          {p.travel_need_labels.length > 0 && <div data-testid="pec-needs">{p.travel_need_labels.join(' · ')}</div>}
          {p.medif && <div data-testid="pec-medif">{t('pec.medif_issued')}</div>}
          {p.pregnancy_limit && <div>{t('pec.pregnancy_limit', { limit: p.pregnancy_limit })}</div>}
        </div>
      )}
      <div class="row">
        <TextField id="pec-flight" label={t('pec.flight')} value={v.flight_number} required size="short"
          onInput={(x) => form.set({ flight_number: x })} error={fieldError(errors, 'flight_number')} />
      </div>
      <fieldset>
        <legend>{t('pec.vitals')}</legend>
        <div class="row">
          <TextField id="pec-temp" type="number" inputMode="decimal" step="0.1" min="30" max="45"
            label={t('pec.temperature')} value={v.temperature_c} required size="short"
            onInput={(x) => form.set({ temperature_c: x })} error={fieldError(errors, 'temperature_c')} />
          {([['pulse', 'pec.pulse'], ['systolic_bp', 'pec.systolic'], ['diastolic_bp', 'pec.diastolic'], ['spo2', 'pec.spo2'],
            ['respiratory_rate', 'pec.resp']] as const).map(([k, label]) => (
            <TextField key={k} id={`pec-${k}`} type="number" inputMode="numeric" label={t(label)} value={v[k]} size="short"
              onInput={(x) => form.set({ [k]: x } as Partial<Values>)} error={fieldError(errors, k)} />
          ))}
        </div>
      </fieldset>
      <YesNo id="pec-symptoms" label={t('pec.symptoms_any')} value={v.symptoms} required onChange={(x) => form.set({ symptoms: x })} />
      {v.symptoms && SYMPTOMS.map((code) => (
        <div class="row" key={code}>
          <Checkbox id={`pec-sym-${code}`} label={t(`pec.sym.${code}` as Key)} checked={v.present.includes(code)}
            onChange={(on) => togglePresent(code, on)} />
          {v.present.includes(code) && (
            <TextField id={`pec-sym-${code}-details`} label={t('pec.sym_details')} value={v.details[code] ?? ''}
              onInput={(x) => form.set({ details: { ...v.details, [code]: x } })} />
          )}
        </div>
      ))}
      {canBePregnant && (
        <div class="row">
          <TextField id="pec-pregnancy-weeks" type="number" inputMode="numeric" min="1" max="45" size="short"
            label={t('pec.pregnancy_weeks')} value={v.pregnancy_weeks}
            onInput={(x) => form.set({ pregnancy_weeks: x })} error={fieldError(errors, 'pregnancy_weeks')} />
          <Checkbox id="pec-pregnancy-multiple" label={t('pec.pregnancy_multiple')} checked={v.pregnancy_multiple}
            onChange={(x) => form.set({ pregnancy_multiple: x })} />
        </div>
      )}
      <TextArea id="pec-new-conditions" label={t('pec.new_conditions')} value={v.new_conditions} rows={2}
        onInput={(x) => form.set({ new_conditions: x })} error={fieldError(errors, 'new_conditions')} />
      <TextArea id="pec-new-medicines" label={t('pec.new_medicines')} value={v.new_medicines} rows={2}
        onInput={(x) => form.set({ new_medicines: x })} error={fieldError(errors, 'new_medicines')} />
      <fieldset>
        <legend>{t('pec.needs')}</legend>
        <div class="row">
          <TextField id="pec-escort" label={t('pec.escort')} value={v.escort}
            onInput={(x) => form.set({ escort: x })} error={fieldError(errors, 'travel_needs.escort')} />
          <SelectField id="pec-wheelchair" label={t('pec.wheelchair')} value={v.wheelchair}
            onChange={(x) => form.set({ wheelchair: x })} error={fieldError(errors, 'travel_needs.wheelchair')}
            placeholder={t('pec.wheelchair_none')}
            options={(['WCHR', 'WCHS', 'WCHC'] as const).map((c) => ({ value: c, label: t(`pec.wc.${c}`) }))} />
          <TextField id="pec-oxygen" type="number" inputMode="decimal" step="0.5" min="0" max="15" size="short"
            label={t('pec.oxygen')} value={v.oxygen_lpm}
            onInput={(x) => form.set({ oxygen_lpm: x })} error={fieldError(errors, 'travel_needs.oxygen_lpm')} />
          <Checkbox id="pec-stretcher" label={t('pec.stretcher')} checked={v.stretcher} onChange={(x) => form.set({ stretcher: x })} />
        </div>
        <TextField id="pec-other-needs" label={t('pec.other_needs')} value={v.other} size="wide"
          onInput={(x) => form.set({ other: x })} error={fieldError(errors, 'travel_needs.other')} />
      </fieldset>
      <fieldset class="yesno" id="pec-fit">
        <legend>
          {t('pec.outcome')}
          <span class="req" aria-hidden="true"> *</span>
        </legend>
        {OUTCOMES.map((o) => (
          <label key={o}>
            <input type="radio" name="pec-outcome" id={OUTCOME_IDS[o]} checked={v.outcome === o} onChange={() => form.set({ outcome: o })} />
            {t(`pec.out.${o}`)}
          </label>
        ))}
        {fieldError(errors, 'outcome') && <span class="field-error" role="alert">{fieldError(errors, 'outcome')}</span>}
        {fieldError(errors, 'travel_needs') && <span class="field-error" role="alert">{fieldError(errors, 'travel_needs')}</span>}
      </fieldset>
      {v.outcome === 'not_fit' && (
        <div class="row">
          <TextArea id="pec-not-fit-reason" label={t('pec.not_fit_reason')} value={v.not_fit_reason} required rows={2}
            onInput={(x) => form.set({ not_fit_reason: x })} error={fieldError(errors, 'not_fit_reason')} />
          <TextField id="pec-recheck" type="date" label={t('pec.recheck_date')} value={v.recheck_date} required size="short"
            onInput={(x) => form.set({ recheck_date: x })} error={fieldError(errors, 'recheck_date')} />
        </div>
      )}
      <TextArea id="pec-remarks" label={t('pec.remarks')} value={v.remarks}
        onInput={(x) => form.set({ remarks: x })} error={fieldError(errors, 'remarks')} rows={2} />
    </SectionForm>
  );
}

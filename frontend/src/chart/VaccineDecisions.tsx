// Refusals, waivers, "not indicated" and evidence of immunity (a titre, documented disease) for the
// vaccines of the worksheet: the list as recorded (an entry in error struck through, never
// removed), and — until sign-off — the form to record one. The server checks every field.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { SelectField, TextField } from '../components/fields';
import { label, t } from '../i18n';
import type { Chart, VaccineDecision } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

const reasons: Record<string, string[]> = {
  refusal: ['religious', 'moral', 'other'],
  waiver: ['pregnancy', 'allergy', 'immunocompromise', 'other'],
  not_indicated: ['not_age_appropriate', 'not_routinely_available', 'not_flu_season', 'insufficient_interval'],
  immunity: ['titre', 'disease'],
};
const antigens = ['measles', 'mumps', 'rubella', 'varicella', 'hepatitis_a', 'hepatitis_b'];
const results = ['positive', 'negative', 'equivocal'];

interface Values {
  vaccine: string;
  kind: string;
  reason_code: string;
  reason: string;
  said_by: string;
  antigen: string;
  test: string;
  result: string;
  value: string;
  sampled_on: string;
}

const blank: Values = { vaccine: '', kind: '', reason_code: '', reason: '', said_by: '', antigen: '', test: '', result: '', value: '', sampled_on: '' };

export function VaccineDecisionList(p: SectionProps & { editable: boolean }) {
  const { chart } = p;
  const ds = chart.vaccine_decisions ?? [];
  const [open, setOpen] = useState<string | null>(null);
  const name = (key: string) => chart.vaccination?.ds3025?.lines.find((l) => l.key === key)?.vaccine ?? key;
  return (
    <>
      <h3>{t('vd.title')}</h3>
      {ds.length === 0 ? (
        <p class="hint" data-testid="vd-none">{t('vd.none')}</p>
      ) : (
        <table class="grid" data-testid="vd-list">
          <caption class="sr-only">{t('vd.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vx.vaccine')}</th>
              <th scope="col">{t('vd.kind')}</th>
              <th scope="col">{t('vd.as_recorded')}</th>
              <th scope="col">{t('vd.by')}</th>
              {p.editable && <th scope="col"><span class="sr-only">{t('vx.mark_error')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {ds.map((d) => (
              <tr key={d.id} data-kind={d.kind} data-vaccine={d.vaccine} class={d.entered_in_error ? 'in-error' : ''}>
                <td>{name(d.vaccine)}</td>
                <td>{label('vdkind', d.kind)}</td>
                <td>
                  {d.entered_in_error ? <del>{d.text}</del> : d.text}
                  {d.entered_in_error && <div class="hint">{t('vd.in_error', { reason: d.entered_in_error.reason })}</div>}
                </td>
                <td>{d.recorded_by}</td>
                {p.editable && (
                  <td>
                    {!d.entered_in_error && open !== d.id && (
                      <button type="button" class="secondary small" onClick={() => setOpen(d.id)}>{t('vx.mark_error')}</button>
                    )}
                    {open === d.id && <DecisionErrorForm {...p} decision={d} onDone={() => setOpen(null)} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function VaccineDecisionForm({ chart, setChart, reload }: SectionProps) {
  const form = useDraftForm<Values>(`${chart.id}.vaccination.decision`, blank);
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const lines = chart.vaccination?.ds3025?.lines ?? [];
  const titre = v.kind === 'immunity' && v.reason_code === 'titre';

  const submit = () => {
    const body = {
      version: chart.version, vaccine: v.vaccine, kind: v.kind, reason_code: v.reason_code, reason: v.reason.trim(),
      said_by: v.kind === 'refusal' ? v.said_by : '', antigen: v.kind === 'immunity' ? v.antigen : '',
      test: titre ? v.test.trim() : '', result: titre ? v.result : '', value: titre ? v.value.trim() : '', sampled_on: titre ? v.sampled_on : '',
    };
    void form.submit(async () => {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/vaccine-decisions`, body));
    }).then((ok) => ok && form.set(blank));
  };

  return (
    <SectionForm id="vd-record" title={t('vd.record_title')} form={form} onSubmit={submit} onReload={reload} submitLabel={t('vd.submit')}>
      <div class="row">
        <SelectField id="vd-vaccine" label={t('vx.vaccine')} value={v.vaccine} required placeholder={t('common.choose')}
          options={lines.map((l) => ({ value: l.key, label: l.vaccine }))} onChange={(x) => form.set({ vaccine: x })}
          error={fieldError(errors, 'vaccine')} />
        <SelectField id="vd-kind" label={t('vd.kind')} value={v.kind} required placeholder={t('common.choose')}
          options={Object.keys(reasons).map((k) => ({ value: k, label: label('vdkind', k) }))}
          onChange={(x) => form.set({ kind: x, reason_code: '' })} error={fieldError(errors, 'kind')} />
        <SelectField id="vd-reason_code" label={t('vd.reason_code')} value={v.reason_code} required placeholder={t('common.choose')}
          options={(reasons[v.kind] ?? []).map((r) => ({ value: r, label: label('vdreason', r) }))}
          onChange={(x) => form.set({ reason_code: x })} error={fieldError(errors, 'reason_code')} />
        {v.kind === 'refusal' && (
          <SelectField id="vd-said_by" label={t('vd.said_by')} value={v.said_by} required placeholder={t('common.choose')}
            options={['applicant', 'guardian'].map((s) => ({ value: s, label: label('vdsaidby', s) }))}
            onChange={(x) => form.set({ said_by: x })} error={fieldError(errors, 'said_by')} />
        )}
        {v.kind === 'immunity' && (
          <SelectField id="vd-antigen" label={t('vd.antigen')} value={v.antigen} required placeholder={t('common.choose')}
            options={antigens.map((a) => ({ value: a, label: label('vdantigen', a) }))}
            onChange={(x) => form.set({ antigen: x })} error={fieldError(errors, 'antigen')} />
        )}
      </div>
      {titre && (
        <div class="row">
          <TextField id="vd-test" label={t('vd.test')} value={v.test} required hint={t('vd.test_hint')}
            onInput={(x) => form.set({ test: x })} error={fieldError(errors, 'test')} />
          <SelectField id="vd-result" label={t('vd.result')} value={v.result} required placeholder={t('common.choose')}
            options={results.map((r) => ({ value: r, label: label('vdresult', r) }))}
            onChange={(x) => form.set({ result: x })} error={fieldError(errors, 'result')} />
          <TextField id="vd-value" label={t('vd.value')} value={v.value} size="short"
            onInput={(x) => form.set({ value: x })} error={fieldError(errors, 'value')} />
          <TextField id="vd-sampled_on" type="date" label={t('vd.sampled_on')} value={v.sampled_on} required size="short"
            onInput={(x) => form.set({ sampled_on: x })} error={fieldError(errors, 'sampled_on')} />
        </div>
      )}
      <div class="row">
        <TextField id="vd-reason" label={v.kind === 'refusal' ? t('vd.reason_said') : t('vd.reason')} value={v.reason} size="wide"
          required={v.kind === 'refusal' || v.reason_code === 'other' || v.reason_code === 'disease'}
          onInput={(x) => form.set({ reason: x })} error={fieldError(errors, 'reason')} />
      </div>
    </SectionForm>
  );
}

function DecisionErrorForm({ chart, setChart, decision, onDone }: SectionProps & { decision: VaccineDecision; onDone: () => void }) {
  const form = useDraftForm<{ reason: string }>(`${chart.id}.vderror.${decision.id}`, { reason: '' });
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const save = async (e: Event) => {
    e.preventDefault();
    const ok = await form.submit(async (v) => {
      setChart(await api.post<Chart>(
        `/assessments/${encodeURIComponent(chart.id)}/vaccine-decisions/${encodeURIComponent(decision.id)}/error`,
        { version: chart.version, reason: v.reason.trim() },
      ));
    });
    if (ok) onDone();
  };
  return (
    <form class="vx-error-form" onSubmit={save} noValidate data-testid="vd-error-form">
      <TextField id={`vd-err-${decision.id}`} label={t('vx.error_reason')} value={form.values.reason} required
        onInput={(x) => form.set({ reason: x })} error={fieldError(errors, 'reason') ?? (form.status.kind === 'error' ? form.status.error.message : undefined)} />
      <button type="submit" disabled={form.status.kind === 'saving'}>{t('vx.mark_error_confirm')}</button>
      <button type="button" class="secondary" onClick={() => { form.discard(); onDone(); }}>{t('common.cancel')}</button>
    </form>
  );
}

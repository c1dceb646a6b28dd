// The physician's classification: preset from the rules' outcome; taking a finding away needs a
// written reason, which goes to the server as override_reason.
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { Checkbox, TextArea } from '../components/fields';
import { dateTime, label, t } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';
import { lowered, outcomeCodes, toggle } from './outcomes';

interface Values {
  codes: string[];
  notes: string;
  override_reason: string;
}

export function Classification({ chart, setChart, reload }: SectionProps) {
  const country = chart.protocol.id;
  const ruleCodes = chart.plan.outcome.codes;
  const c = chart.classification;
  const form = useDraftForm<Values>(`${chart.id}.classification`, {
    // Nothing is pre-ticked before the results it depends on exist: an outcome such as "No
    // finding" stands only once the rules' answer is final.
    codes: c?.codes ?? (chart.plan.outcome.final ? ruleCodes : []),
    notes: c?.notes ?? '',
    override_reason: c?.override_reason ?? '',
  });
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const scale = chart.plan.outcome.scale;
  const taken = lowered(country, { codes: ruleCodes, severity: chart.plan.outcome.severity, scale }, v.codes);
  const codes = outcomeCodes(country, scale);
  const name = (code: string) => label('outcome', code, scale?.find((l) => l.code === code)?.label);

  const submit = () => {
    if (v.codes.length === 0) {
      form.setStatus({ kind: 'invalid', message: t('class.choose_one') });
      return;
    }
    if (taken.length && !v.override_reason.trim()) {
      form.setStatus({ kind: 'invalid', message: t('class.reason_required') });
      return;
    }
    void form.submit(async () => {
      setChart(
        await api.put<Chart>(`/assessments/${encodeURIComponent(chart.id)}/classification`, {
          version: chart.version,
          codes: v.codes,
          notes: v.notes.trim(),
          override_reason: taken.length ? v.override_reason.trim() : '',
        }),
      );
    });
  };

  return (
    <SectionForm id="classification" title={t('class.title')} form={form} onSubmit={submit} onReload={reload}
      submitLabel={t('class.save')}>
      <p class="hint">
        {t('class.rules_found', { codes: ruleCodes.map(name).join('; ') || '—' })}
        {c && ' · ' + t('common.recorded_by', { by: c.by, when: dateTime(c.at) })}
      </p>
      <fieldset class="codes">
        <legend>{t('class.codes')}</legend>
        {codes.map((code) => (
          <Checkbox key={code} id={`oc-${code}`} label={name(code)} checked={v.codes.includes(code)}
            onChange={(on) => form.set({ codes: toggle(country, v.codes, code, on) })}
            hint={ruleCodes.includes(code) ? t('class.from_rules') : undefined} />
        ))}
      </fieldset>
      {taken.length > 0 && (
        <TextArea id="override-reason" required label={t('class.override_reason', {
          codes: taken.map(name).join('; '),
        })} value={v.override_reason} onInput={(x) => form.set({ override_reason: x })}
          error={fieldError(errors, 'override_reason')} />
      )}
      <TextArea id="class-notes" label={t('class.notes')} value={v.notes} onInput={(x) => form.set({ notes: x })}
        error={fieldError(errors, 'notes')} rows={2} />
    </SectionForm>
  );
}

// The mental-health screen: the Refugee Health Screener-15 asked in the person's language (the
// items come from the server's definition, with its source), the score and the cut-off shown as
// the answers are given, the physician's assessment, harmful behaviour, and the referral a
// positive screen needs.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { Checkbox, SelectField, TextArea, TextField, YesNo } from '../components/fields';
import { dateTime, t } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

type Lang = 'en' | 'fr' | 'rw';

interface ScreenDef {
  title: string;
  note: string;
  source: { doc: string };
  scale: { min: number; max: number; labels: Record<Lang, string[]> };
  items: ({ n: number } & Record<Lang, string>)[];
  thermometer: { n: number; min: number; max: number } & Record<Lang, string>;
  positive: { items_sum_at_least: number; thermometer_at_least: number; rule: string };
}

interface Values {
  language: Lang;
  interpreter: boolean;
  items: string[];
  thermometer: string;
  assessment: string;
  disorder: string;
  harmful_behaviour: boolean | null;
  harmful_details: string;
  referral: string;
}

export function MentalHealthSection({ chart, setChart, reload }: SectionProps) {
  const [def, setDef] = useState<ScreenDef | null>(null);
  useEffect(() => {
    api.get<ScreenDef>('/screens/rhs15').then(setDef, () => setDef(null));
  }, []);
  const m = chart.mental_health;
  const form = useDraftForm<Values>(`${chart.id}.mental_health`, {
    language: (m?.language as Lang) ?? 'en',
    interpreter: m?.interpreter ?? false,
    items: m ? m.items.map(String) : Array(14).fill(''),
    thermometer: m ? String(m.thermometer) : '',
    assessment: m?.assessment ?? '',
    disorder: m?.disorder ?? '',
    harmful_behaviour: m ? m.harmful_behaviour : null,
    harmful_details: m?.harmful_details ?? '',
    referral: m?.referral ?? '',
  });
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  if (!def) return null;
  const answered = v.items.every((x) => x !== '') && v.thermometer !== '';
  const score = v.items.reduce((a, x) => a + (Number(x) || 0), 0);
  const positive = score >= def.positive.items_sum_at_least || Number(v.thermometer) >= def.positive.thermometer_at_least;
  const labels = def.scale.labels[v.language];

  const submit = () => {
    if (!answered) return form.setStatus({ kind: 'invalid', message: t('mh.answer_all') });
    if (v.harmful_behaviour === null) return form.setStatus({ kind: 'invalid', message: t('mh.harmful_required') });
    void form.submit(async () => {
      setChart(await api.put<Chart>(`/assessments/${encodeURIComponent(chart.id)}/mental-health`, {
        version: chart.version, language: v.language, interpreter: v.interpreter, items: v.items.map(Number),
        thermometer: Number(v.thermometer), assessment: v.assessment.trim(), disorder: v.disorder.trim(), harmful_behaviour: v.harmful_behaviour,
        harmful_details: v.harmful_details.trim(), referral: v.referral.trim(),
      }));
    });
  };

  return (
    <SectionForm id="mental-health" title={t('mh.title')} form={form} onSubmit={submit} onReload={reload}>
      <p class="hint">{def.title} — {def.source.doc}</p>
      {v.language !== 'en' && <p class="hint" role="note">{def.note}</p>}
      {m && <p class="hint">{t('common.recorded_by', { by: m.recorded_by, when: dateTime(m.recorded_at) })}</p>}
      <div class="row">
        <SelectField id="mh-language" label={t('mh.language')} value={v.language} required
          options={[{ value: 'en', label: 'English' }, { value: 'fr', label: 'Français' }, { value: 'rw', label: 'Ikinyarwanda' }]}
          onChange={(x) => form.set({ language: x as Lang })} error={fieldError(errors, 'language')} />
        <Checkbox id="mh-interpreter" label={t('mh.interpreter')} checked={v.interpreter} onChange={(x) => form.set({ interpreter: x })} />
      </div>
      <table class="grid mh-items" data-testid="mh-items">
        <caption class="sr-only">{t('mh.items_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('mh.item')}</th>
            <th scope="col">{t('mh.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {def.items.map((item, i) => (
            <tr key={item.n}>
              <td>{item.n}</td>
              <th scope="row" id={`mh-${item.n}-q`}>{item[v.language]}</th>
              <td>
                <div role="radiogroup" aria-labelledby={`mh-${item.n}-q`} class="inline-radios">
                  {labels.map((l, value) => (
                    <label key={value}>
                      <input type="radio" name={`mh-${item.n}`} id={`mh-${item.n}-${value}`} checked={v.items[i] === String(value)}
                        onChange={() => form.set({ items: v.items.map((x, j) => (j === i ? String(value) : x)) })} />
                      {value} {l}
                    </label>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SelectField id="mh-thermometer" label={def.thermometer[v.language]} value={v.thermometer} required placeholder={t('common.choose')}
        options={Array.from({ length: def.thermometer.max - def.thermometer.min + 1 }, (_, i) => ({ value: String(i), label: String(i) }))}
        onChange={(x) => form.set({ thermometer: x })} error={fieldError(errors, 'thermometer')} />
      {answered && (
        <div class={'alert ' + (positive ? 'warn' : 'ok')} role="status" data-testid="mh-result">
          {t(positive ? 'mh.positive' : 'mh.negative', { score, thermometer: v.thermometer })} {def.positive.rule}
        </div>
      )}
      <TextArea id="mh-assessment" label={t('mh.assessment')} value={v.assessment} rows={2}
        onInput={(x) => form.set({ assessment: x })} error={fieldError(errors, 'assessment')} />
      <TextField id="mh-disorder" label={t('mh.disorder')} value={v.disorder} size="wide" hint={t('mh.disorder_hint')}
        onInput={(x) => form.set({ disorder: x })} error={fieldError(errors, 'disorder')} />
      <YesNo id="mh-harmful" label={t('mh.harmful')} value={v.harmful_behaviour} required onChange={(x) => form.set({ harmful_behaviour: x })} />
      {v.harmful_behaviour && (
        <TextArea id="mh-harmful-details" label={t('mh.harmful_details')} value={v.harmful_details} required rows={2}
          onInput={(x) => form.set({ harmful_details: x })} error={fieldError(errors, 'harmful_details')} />
      )}
      <TextField id="mh-referral" label={t('mh.referral')} value={v.referral} required={answered && positive} size="wide"
        onInput={(x) => form.set({ referral: x })} error={fieldError(errors, 'referral')} />
    </SectionForm>
  );
}

// Counselling at the examination: HIV pre-test counselling (an HIV result is refused without it
// and without consent to HIV testing), post-test counselling when the result is given, and the
// disclosure of a result that changes travel (TB, syphilis, a Class A condition) with its referral.
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { fieldError, Problem } from '../components/Problem';
import { Checkbox, SelectField, TextField } from '../components/fields';
import { dateTime, t, type Key } from '../i18n';
import type { Chart } from '../types';
import type { SectionProps } from './ChartPage';

const topics = ['hiv', 'tb', 'syphilis', 'class_a'] as const;

export function CounsellingSection({ chart, setChart }: SectionProps) {
  const [topic, setTopic] = useState<string>('hiv');
  const [stage, setStage] = useState<string>('pre_test');
  const [language, setLanguage] = useState('rw');
  const [interpreter, setInterpreter] = useState(false);
  const [disclosed, setDisclosed] = useState(false);
  const [referral, setReferral] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const missing = chart.incomplete.filter((s) => s === 'hiv_counselling' || s === 'result_disclosure');

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved('');
    try {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/counselling`, {
        version: chart.version, topic, stage, language, interpreter, result_disclosed: stage === 'post_test' && disclosed,
        referral: stage === 'post_test' ? referral.trim() : '', notes: '',
      }));
      setSaved(t('counsel.saved'));
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const errs = error?.errors;
  return (
    <section class="card" id="counselling" aria-labelledby="counselling-h">
      <h2 id="counselling-h">{t('counsel.title')}</h2>
      {missing.length > 0 && (
        <p class="hint">{t('counsel.required', { steps: missing.map((s) => t(('counsel.step.' + s) as Key)).join(', ') })}</p>
      )}
      {chart.counselling.length > 0 && (
        <ul>
          {chart.counselling.map((c) => (
            <li key={c.id}>
              {t(('counsel.topic.' + c.topic) as Key)} — {t(('counsel.stage.' + c.stage) as Key)} · {c.language}
              {c.interpreter ? ' · ' + t('consent.interpreter') : ''}
              {c.result_disclosed ? ' · ' + t('counsel.disclosed') : ''}
              {c.referral ? ' · ' + t('counsel.referral') + ': ' + c.referral : ''} · {c.by}, {dateTime(c.at)}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} class="row">
        <SelectField id="counsel-topic" label={t('counsel.topic')} value={topic} onChange={setTopic} required
          options={topics.map((x) => ({ value: x, label: t(('counsel.topic.' + x) as Key) }))} error={fieldError(errs, 'topic')} />
        <SelectField id="counsel-stage" label={t('counsel.stage')} value={stage} onChange={setStage} required
          options={['pre_test', 'post_test'].map((x) => ({ value: x, label: t(('counsel.stage.' + x) as Key) }))} error={fieldError(errs, 'stage')} />
        <TextField id="counsel-language" label={t('consent.language')} value={language} onInput={setLanguage} required size="short" error={fieldError(errs, 'language')} />
        <Checkbox id="counsel-interpreter" label={t('consent.interpreter')} checked={interpreter} onChange={setInterpreter} />
        {stage === 'post_test' && (
          <>
            <Checkbox id="counsel-disclosed" label={t('counsel.disclosed')} checked={disclosed} onChange={setDisclosed} />
            <TextField id="counsel-referral" label={t('counsel.referral')} value={referral} onInput={setReferral} error={fieldError(errs, 'referral')} />
          </>
        )}
        <div class="actions">
          <button type="submit">{t('counsel.record')}</button>
          <span aria-live="polite" data-testid="counsel-saved">{saved}</span>
        </div>
      </form>
      <Problem error={error} />
    </section>
  );
}

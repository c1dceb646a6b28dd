// Medical history: yes/no questions with details, saved with the findings the rules read.
import { api } from '../api';
import { TextField, YesNo } from '../components/fields';
import { SectionForm } from '../components/SectionForm';
import { dateTime, t } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';
import { type HistoryValues, historyValues, noneOfThese, questionText, questionsFor, shown, toAnswers, unanswered } from './history';

export function HistorySection({ chart, setChart, reload }: SectionProps) {
  const qs = questionsFor(chart.history_questions, chart.plan?.age_years ?? chart.applicant.age_years, chart.applicant.sex);
  const form = useDraftForm<HistoryValues>(`${chart.id}.history`, historyValues(qs, chart.history?.answers));
  const v = form.values;
  const missing = unanswered(qs, v);

  const submit = () => {
    if (missing.length) {
      form.setStatus({ kind: 'invalid', message: t('history.answer_all', { n: missing.length }) });
      return;
    }
    void form.submit(async (vals) => {
      // The server derives the protocol's findings (TB symptoms, contact, ...) from the answers.
      setChart(
        await api.put<Chart>(`/assessments/${encodeURIComponent(chart.id)}/history`, {
          version: chart.version,
          answers: toAnswers(qs, vals),
        }),
      );
    });
  };

  return (
    <SectionForm id="history" title={t('history.title')} form={form} onSubmit={submit} onReload={reload}>
      {chart.history && (
        <p class="hint">{t('common.recorded_by', { by: chart.history.recorded_by, when: dateTime(chart.history.recorded_at) })}</p>
      )}
      <p>
        <button type="button" class="secondary" id="hq-none" onClick={() => form.set(noneOfThese(qs))}>
          {t('history.none_of_these')}
        </button>{' '}
        <span class="hint">{t('history.none_hint')}</span>
      </p>
      <div class="questions">
        {shown(qs, v).map((q) => {
          const a = v[q.code] ?? { answer: null, details: '', date: '' };
          return (
            <YesNo key={q.code} id={`hq-${q.code}`} label={questionText(q)} value={a.answer} required
              onChange={(x) => form.set({ [q.code]: { ...a, answer: x } })}>
              {a.answer && q.date && (
                <TextField id={`hq-${q.code}-date`} label={t('history.when')} value={a.date ?? ''} required={q.date === 'required'}
                  inputMode="numeric" onInput={(x) => form.set({ [q.code]: { ...a, date: x } })} />
              )}
              {a.answer && (
                <TextField id={`hq-${q.code}-details`} label={t('history.details')} value={a.details}
                  onInput={(x) => form.set({ [q.code]: { ...a, details: x } })} size="wide" />
              )}
            </YesNo>
          );
        })}
      </div>
    </SectionForm>
  );
}

// Sign-off locks the record. With steps still pending it never signs silently: the physician
// must write why. After sign-off the only change is an addendum.
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { TextArea } from '../components/fields';
import { dateTime, label, t } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

export function Signoff({ chart, setChart, reload }: SectionProps) {
  // What the protocol and the workflow still miss; older servers give only the plan's pending steps.
  const pending = chart.incomplete ?? chart.plan.pending;
  const form = useDraftForm<{ incomplete_reason: string }>(`${chart.id}.signoff`, { incomplete_reason: '' });
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const classified = !!chart.classification;

  const submit = () => {
    if (!classified) {
      form.setStatus({ kind: 'invalid', message: t('signoff.classify_first') });
      return;
    }
    const reason = form.values.incomplete_reason.trim();
    if (pending.length && !reason) {
      form.setStatus({ kind: 'invalid', message: t('signoff.reason_required') });
      return;
    }
    void form.submit(async () => {
      const body: Record<string, unknown> = { version: chart.version };
      if (pending.length) body.incomplete_reason = reason;
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/signoff`, body, {
        idempotencyKey: `${chart.id}-signoff-${chart.version}`,
      }));
    });
  };

  return (
    <SectionForm id="signoff" title={t('signoff.title')} form={form} onSubmit={submit} onReload={reload}
      submitLabel={pending.length ? t('signoff.sign_incomplete') : t('signoff.sign')}>
      {!classified && <p class="hint">{t('signoff.classify_first')}</p>}
      {(chart.unrecorded_treatments?.length ?? 0) > 0 && (
        <div class="alert warn" role="note" data-testid="signoff-unrecorded-treatments">
          {t('tx.unrecorded', { drugs: chart.unrecorded_treatments!.map((d) => label('drug', d)).join(', ') })}
        </div>
      )}
      {pending.length > 0 ? (
        <>
          <div class="alert warn" role="note">
            {t('signoff.pending', { steps: pending.map((s) => label('step', s)).join(', ') })}
          </div>
          <TextArea id="incomplete-reason" required label={t('signoff.reason')} value={form.values.incomplete_reason}
            onInput={(x) => form.set({ incomplete_reason: x })} error={fieldError(errors, 'incomplete_reason')} />
        </>
      ) : (
        <p>{t('signoff.complete')}</p>
      )}
    </SectionForm>
  );
}

export function Addendum({ chart, setChart, reload }: SectionProps) {
  const form = useDraftForm<{ text: string }>(`${chart.id}.addendum`, { text: '' });
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const submit = () => {
    if (!form.values.text.trim()) {
      form.setStatus({ kind: 'invalid', message: t('addendum.required') });
      return;
    }
    void form.submit(async (v) => {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/addenda`, {
        version: chart.version,
        text: v.text.trim(),
      }, { idempotencyKey: `${chart.id}-addendum-${chart.version}` }));
    });
  };
  return (
    <SectionForm id="addendum" title={t('addendum.title')} form={form} onSubmit={submit} onReload={reload}
      submitLabel={t('addendum.add')}>
      {chart.addenda.map((a, i) => (
        <p key={i} class="addendum">
          {a.text} <span class="hint">— {a.by}, {dateTime(a.at)}</span>
        </p>
      ))}
      <TextArea id="addendum-text" label={t('addendum.text')} value={form.values.text}
        onInput={(x) => form.set({ text: x })} error={fieldError(errors, 'text')} />
    </SectionForm>
  );
}

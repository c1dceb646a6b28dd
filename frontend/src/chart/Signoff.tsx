// Sign-off locks the record. With steps still missing it signs only where a protocol rule lets
// each step wait, with the physician's reason for each; otherwise it is refused with the list.
// It shows which forms will not be issued and asks for confirmation with a summary. After
// sign-off the only change is an addendum.
import { useRef } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { TextArea } from '../components/fields';
import { dateTime, label, lang, t } from '../i18n';
import type { Chart } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';

export function Signoff({ chart, setChart, reload }: SectionProps) {
  const check = chart.signoff_check;
  const missing = check?.missing ?? [];
  const forms = check?.forms ?? chart.plan.forms.map((f) => ({ form_type: f, issue: true }));
  const form = useDraftForm<{ reasons: Record<string, string> }>(`${chart.id}.signoff`, { reasons: {} });
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const classified = !!chart.classification;
  const allowed = check ? check.allowed : missing.length === 0;
  const dialog = useRef<HTMLDialogElement>(null);
  const reasons = form.values.reasons ?? {};
  const fr = lang() === 'fr';

  const submit = () => {
    if (!classified) {
      form.setStatus({ kind: 'invalid', message: t('signoff.classify_first') });
      return;
    }
    if (!allowed) {
      form.setStatus({ kind: 'invalid', message: t('so.refused') });
      return;
    }
    if (missing.some((m) => !(reasons[m.step] ?? '').trim())) {
      form.setStatus({ kind: 'invalid', message: t('so.defer_required') });
      return;
    }
    dialog.current?.showModal();
  };

  const confirm = () => {
    dialog.current?.close();
    void form.submit(async () => {
      const body = {
        version: chart.version,
        deferrals: missing.map((m) => ({ step: m.step, reason: (reasons[m.step] ?? '').trim() })),
      };
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/signoff`, body, {
        idempotencyKey: `${chart.id}-signoff-${chart.version}`,
      }));
    });
  };

  const issued = forms.filter((f) => f.issue).map((f) => f.form_type);
  const notIssued = forms.filter((f) => !f.issue);
  const scale = chart.plan.outcome.scale;
  const codes = (chart.classification?.codes ?? []).map((c) => label('outcome', c, scale?.find((l) => l.code === c)?.label));

  return (
    <SectionForm id="signoff" title={t('signoff.title')} form={form} onSubmit={submit} onReload={reload}
      submitLabel={t('signoff.sign')} disabled={!allowed}>
      {!classified && <p class="hint">{t('signoff.classify_first')}</p>}
      {(chart.unrecorded_treatments?.length ?? 0) > 0 && (
        <div class="alert warn" role="note" data-testid="signoff-unrecorded-treatments">
          {t('tx.unrecorded', { drugs: chart.unrecorded_treatments!.map((d) => label('drug', d)).join(', ') })}
        </div>
      )}
      {missing.length > 0 ? (
        <div class={allowed ? 'alert warn' : 'alert error'} role="note" data-testid="signoff-missing">
          <strong>{t('so.missing_title')}</strong>
          <ul>
            {missing.map((m) => (
              <li key={m.step}>
                <strong>{label('step', m.step, m.label)}</strong>
                {m.deferral ? (
                  <>
                    {' — '}{t('so.may_wait', { why: fr ? m.deferral.reason_fr : m.deferral.reason })}
                    <br />
                    {t('so.then', { then: fr ? m.deferral.then_fr : m.deferral.then })}
                  </>
                ) : (
                  <> — {t('so.no_rule')}</>
                )}
              </li>
            ))}
          </ul>
          {!allowed && <p>{t('so.refused')}</p>}
        </div>
      ) : (
        <p>{t('signoff.complete')}</p>
      )}
      {allowed && missing.map((m) => (
        <TextArea key={m.step} id={`defer-${m.step}`} required rows={2}
          label={t('so.defer_reason', { step: label('step', m.step, m.label) })} value={reasons[m.step] ?? ''}
          onInput={(x) => form.set({ reasons: { ...reasons, [m.step]: x } })}
          error={fieldError(errors, `deferrals.${m.step}`)} />
      ))}
      <h3>{t('so.forms_title')}</h3>
      <ul data-testid="signoff-forms">
        {forms.map((f) => (
          <li key={f.form_type}>{f.issue ? t('so.form_issued', { form: f.form_type }) : f.why}</li>
        ))}
      </ul>
      <dialog ref={dialog} aria-labelledby="so-confirm-h" class="confirm">
        <h2 id="so-confirm-h">{t('so.confirm_title')}</h2>
        <p>{t('so.confirm_who', { name: `${chart.applicant.surnames} ${chart.applicant.given_names}` })}</p>
        <ul>
          <li>{t('so.confirm_outcome', { codes: codes.join('; ') || t('so.none') })}</li>
          <li>{t('so.confirm_forms', { forms: issued.join(', ') || t('so.none') })}</li>
          {notIssued.length > 0 && <li>{t('so.confirm_not_issued', { forms: notIssued.map((f) => f.form_type).join(', ') })}</li>}
          {missing.length > 0 && (
            <li>{t('so.confirm_not_done', {
              steps: missing.map((m) => `${label('step', m.step, m.label)} — ${(reasons[m.step] ?? '').trim()}`).join('; '),
            })}</li>
          )}
        </ul>
        <div class="actions">
          <button type="button" onClick={confirm}>{t('so.confirm')}</button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>{t('so.cancel')}</button>
        </div>
      </dialog>
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

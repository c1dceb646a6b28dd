// The assessment's forms. A worker renders and signs them after sign-off, so while one is on its
// way the chart re-reads itself every few seconds, for a bounded time.
import { useEffect } from 'preact/hooks';
import { dateTime, label, t } from '../i18n';
import type { Form } from '../types';
import type { SectionProps } from './ChartPage';

const POLL_MS = 4000;
const POLL_MAX = 75; // five minutes

export function Forms({ chart, reload }: SectionProps) {
  const forms = chart.forms ?? [];
  const waiting = !!chart.signoff && (forms.length === 0 || forms.some((f) => f.status === 'pending'));

  useEffect(() => {
    if (!waiting) return;
    let n = 0;
    const timer = setInterval(() => {
      n += 1;
      if (n > POLL_MAX || document.hidden) return;
      void reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, chart.id]);

  return (
    <section class="card" id="forms" aria-labelledby="forms-h">
      <h2 id="forms-h">{t('forms.title')}</h2>
      {!chart.signoff && <p class="hint">{t('forms.after_signoff')}</p>}
      {waiting && <p role="status">{t('forms.waiting')}</p>}
      {forms.length > 0 && <FormTable forms={forms} />}
    </section>
  );
}

/** One line per form, for lists of many people (the panel portal). */
export function FormList({ forms, timeZone }: { forms: Form[]; timeZone?: string }) {
  return (
    <ul class="plain forms" data-testid="forms">
      {forms.map((f) => (
        <li key={f.id} data-form-type={f.form_type} data-status={f.status}>
          <strong>{f.form_type}</strong>{' '}
          <span class={'badge ' + (f.status === 'valid' ? 'ok' : f.status === 'pending' ? 'warn' : 'bad')}>
            {label('fstatus', f.status)}
          </span>{' '}
          <span class="hint">{dateTime(f.issued_at, timeZone)}</span> <FormLinks f={f} />
        </li>
      ))}
    </ul>
  );
}

function FormLinks({ f }: { f: Form }) {
  if (f.status === 'pending' || f.status === 'failed') return null;
  return (
    <>
      <a href={`/api/forms/${encodeURIComponent(f.id)}/pdf`} download data-testid="form-pdf">
        {t('forms.download', { type: f.form_type })}
      </a>
      {f.verify_url && (
        <>
          {' · '}
          <a href={f.verify_url} target="_blank" rel="noopener" data-testid="verify-link">
            {t('forms.verify')}
          </a>
        </>
      )}
    </>
  );
}

export function FormTable({ forms, timeZone }: { forms: Form[]; timeZone?: string }) {
  return (
    <table class="grid" data-testid="forms">
      <thead>
        <tr>
          <th scope="col">{t('forms.type')}</th>
          <th scope="col">{t('forms.status')}</th>
          <th scope="col">{t('forms.issued')}</th>
          <th scope="col">{t('forms.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {forms.map((f) => (
          <tr key={f.id} data-form-type={f.form_type} data-status={f.status}>
            <td>{f.form_type}</td>
            <td>
              <span class={'badge ' + (f.status === 'valid' ? 'ok' : f.status === 'pending' ? 'warn' : 'bad')}>
                {label('fstatus', f.status)}
              </span>
            </td>
            <td>{dateTime(f.issued_at, timeZone)}</td>
            <td>
              <FormLinks f={f} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// The assessment's forms. A worker renders and signs them after sign-off, so while one is on its
// way the chart re-reads itself every few seconds, for a bounded time.
import { useEffect, useState } from 'preact/hooks';
import { dateTime, label, t } from '../i18n';
import { can, useUser } from '../session';
import type { Form } from '../types';
import type { SectionProps } from './ChartPage';
import { InteropLinks } from './Interop';
import { RevokeForm } from './RevokeForm';
import { reissueOf } from './reissue';

const POLL_MS = 4000;
const POLL_MAX = 75; // five minutes

export function Forms({ chart, reload }: SectionProps) {
  const user = useUser();
  const forms = chart.forms ?? [];
  const waiting = !!chart.signoff && (forms.length === 0 || forms.some((f) => f.status === 'pending'));
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revoked, setRevoked] = useState('');

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

  const target = forms.find((f) => f.id === revoking);
  return (
    <section class="card" id="forms" aria-labelledby="forms-h">
      <h2 id="forms-h">{t('forms.title')}</h2>
      {!chart.signoff && <p class="hint">{t('forms.after_signoff')}</p>}
      {waiting && <p role="status">{t('forms.waiting')}</p>}
      <span role="status" aria-live="polite" class="saved">{revoked}</span>
      {forms.length > 0 && (
        <FormTable forms={forms} timeZone={user.site?.timezone}
          onRevoke={can(chart, 'revoke_form') ? (f) => { setRevoked(''); setRevoking(f.id); } : undefined} />
      )}
      {forms.some((f) => f.status === 'valid') && can(chart, 'export_record') && (
        <div data-testid="interop">
          <h3>{t('ix.title')}</h3>
          <p class="hint">{t('ix.hint')}</p>
          <InteropLinks assessmentId={chart.id} />
        </div>
      )}
      {target && (
        <RevokeForm form={target} onCancel={() => setRevoking(null)} onDone={async () => {
          setRevoking(null);
          setRevoked(t('revoke.done', { type: target.form_type }));
          await reload();
        }} />
      )}
    </section>
  );
}

/**
 * Revoked and superseded forms say why: the reason given, or that a reissue replaced them, with a
 * link to the reissue when it is among the forms listed (see reissueOf).
 */
export function StatusWhy({ f, forms, timeZone }: { f: Form; forms: Form[]; timeZone?: string }) {
  if (f.status === 'revoked') {
    return (
      <div class="hint" data-testid="revoked-why">
        {t('forms.revoked_why', { when: dateTime(f.revoked_at, timeZone), reason: f.revoked_reason || '—' })}
      </div>
    );
  }
  if (f.status !== 'superseded') return null;
  const next = reissueOf(f, forms);
  return (
    <div class="hint" data-testid="superseded-why">
      {t('forms.superseded_by')}
      {next && (
        <>
          {' '}
          <a href={'#' + formAnchor(next)} data-testid="reissue-link">
            {t('forms.see_reissue', { type: next.form_type, when: dateTime(next.issued_at, timeZone) })}
          </a>
        </>
      )}
    </div>
  );
}

/** The id of a form's row or line, which the "superseded" note links to. */
function formAnchor(f: Form): string {
  return 'form-' + f.id;
}

/** One line per form, for lists of many people (the panel portal). */
export function FormList({ forms, timeZone }: { forms: Form[]; timeZone?: string }) {
  return (
    <ul class="plain forms" data-testid="forms">
      {forms.map((f) => (
        <li key={f.id} id={formAnchor(f)} data-form-type={f.form_type} data-status={f.status}>
          <strong>{f.form_type}</strong>{' '}
          <span class={'badge ' + (f.status === 'valid' ? 'ok' : f.status === 'pending' ? 'warn' : 'bad')}>
            {label('fstatus', f.status)}
          </span>{' '}
          <span class="hint">{dateTime(f.issued_at, timeZone)}</span> <FormLinks f={f} />
          <StatusWhy f={f} forms={forms} timeZone={timeZone} />
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

interface TableProps {
  forms: Form[];
  timeZone?: string;
  /** Offered for issued forms to the roles that may revoke. */
  onRevoke?: (f: Form) => void;
}

export function FormTable({ forms, timeZone, onRevoke }: TableProps) {
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
          <tr key={f.id} id={formAnchor(f)} data-form-type={f.form_type} data-status={f.status}>
            <td class="nowrap">{f.form_type}</td>
            <td>
              <span class={'badge ' + (f.status === 'valid' ? 'ok' : f.status === 'pending' ? 'warn' : 'bad')}>
                {label('fstatus', f.status)}
              </span>
              <StatusWhy f={f} forms={forms} timeZone={timeZone} />
            </td>
            <td>{dateTime(f.issued_at, timeZone)}</td>
            <td>
              <FormLinks f={f} />
              {onRevoke && (f.status === 'valid' || f.status === 'superseded') && (
                <div>
                  <button type="button" class="secondary small" data-testid="revoke" onClick={() => onRevoke(f)}
                    aria-label={t('revoke.open_of', { type: f.form_type, when: dateTime(f.issued_at, timeZone) })}>
                    {t('revoke.open')}
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

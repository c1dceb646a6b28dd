// The DS-3025 vaccination worksheet of a US applicant, as it will print: each required vaccine
// complete, to give today, or not required with the form's reason; whether the requirements are
// met; and the rule version it was judged by, with its source.
import { label, t } from '../i18n';
import type { Ds3025Line, Vaccination } from '../types';

type Worksheet = NonNullable<Vaccination['ds3025']>;

/** The line's own rule: the part of its source after the document's title. */
function rule(source: string): string {
  const i = source.indexOf('): ');
  return i >= 0 ? source.slice(i + 3) : source;
}

/** What to give today for a line: the products CDSi names, else the vaccine of the line. */
export function giveToday(l: Ds3025Line): string {
  return l.give_vaccines.length ? l.give_vaccines.map((x) => `${x.cvx} · ${x.name}`).join(t('vx.or')) : l.vaccine;
}

export function Ds3025({ w }: { w: Worksheet }) {
  const today = w.lines.filter((l) => l.give_today);
  return (
    <div data-testid="ds3025">
      <div class={'alert ' + (w.requirements_met ? 'ok' : 'warn')} role="status" data-testid="ds3025-met">
        <strong>{w.requirements_met ? t('vx.met') : t('vx.not_met', { n: today.length })}</strong>
      </div>
      {today.length > 0 && (
        <div class="vx-today" data-testid="vx-give-today">
          <h3>{t('vx.give_today_title')}</h3>
          <ul>
            {today.map((l) => (
              <li key={l.key} data-key={l.key}>
                <strong>{l.vaccine}</strong>
                {l.give_vaccines.length > 0 && <>: {giveToday(l)}</>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="vx-scroll">
        <table class="grid ds3025">
          <caption class="sr-only">{t('vx.ds3025_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vx.vaccine')}</th>
              <th scope="col">{t('vx.line_status')}</th>
              <th scope="col">{t('vx.line_doses')}</th>
              <th scope="col">{t('vx.line_next')}</th>
            </tr>
          </thead>
          <tbody>
            {w.lines.map((l) => (
              <tr key={l.key} data-key={l.key} data-status={l.status} class={l.give_today ? 'due' : ''}>
                <th scope="row">
                  {l.vaccine}
                  <div class="hint">{rule(l.source)}</div>
                </th>
                <td>
                  <LineStatus l={l} />
                </td>
                <td>
                  {l.doses.length
                    ? l.doses.map((d) => (
                        <div key={d.dose_id}>
                          {d.date}
                          {d.status !== 'valid' && <span class="hint"> ({label('vxstatus', d.status)})</span>}
                        </div>
                      ))
                    : '—'}
                </td>
                <td>
                  {l.give_today ? <strong>{label('vxline', 'give_today')}</strong> : l.next_due ?? '—'}
                  {l.give_today && l.give_vaccines.length > 0 && <div class="hint">{giveToday(l)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint" data-testid="ds3025-rules">
        {t('vx.rules', { version: w.rules_version, title: w.rules_title })}
      </p>
      <p class="hint" data-testid="ds3025-data">{w.data_version ? t('vx.data_version', { version: w.data_version }) : t('vx.data_version_none')}</p>
      {w.sources.length > 0 && (
        <ul class="hint vx-sources">
          {w.sources.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function LineStatus({ l }: { l: Ds3025Line }) {
  const cls = l.status === 'complete' ? 'ok' : l.status === 'give_today' ? 'warn' : '';
  // The server's reason repeats the status in English before a colon; keep what it adds.
  const i = l.reason.indexOf(': ');
  const detail = l.status === 'complete' ? '' : i >= 0 ? l.reason.slice(i + 2) : l.status === 'give_today' ? l.reason : '';
  return (
    <>
      <span class={'badge ' + cls}>{label('vxline', l.status)}</span>
      {l.status === 'not_required' && l.reason_code && <> {label('vxreason', l.reason_code)}</>}
      {l.unavailable_since && (
        <div class="hint" data-testid={`ds3025-unavailable-${l.key}`}>
          {t('vx.unavailable_since', { date: l.unavailable_since })}
        </div>
      )}
      {l.status === 'refused' && l.reason && <div class="hint">{l.reason}</div>}
      {l.given_at_exam && <> <span class="badge ok">{t('vx.given_at_exam')}</span></>}
      {detail && <div class="hint">{detail}</div>}
    </>
  );
}

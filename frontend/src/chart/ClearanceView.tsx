// Travel clearance: what stops travel today, in the rule's words, with the earliest day each
// thing can clear; and the checks before departure with their windows once the flight is known.
import { label, lang, t } from '../i18n';
import type { Chart, Clearance, DepartureCheck } from '../types';

function words(x: { reason: string; reason_fr?: string }): string {
  return lang() === 'fr' && x.reason_fr ? x.reason_fr : x.reason;
}

/** A time of the flight's window as written, in the flight's own offset: "2027-02-07 06:30 (+03:00)". */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]} (${m[3] === 'Z' ? 'UTC' : m[3]})`;
}

export function ClearanceView({ chart }: { chart: Chart }) {
  const c: Clearance | undefined = chart.plan.clearance;
  const checks: DepartureCheck[] = chart.plan.departure ?? [];
  if (!c) return null;
  return (
    <section class="card" id="clearance" aria-labelledby="clearance-h" data-testid="clearance">
      <h2 id="clearance-h">{t('clr.title')}</h2>
      {c.blocked_by.length === 0 ? (
        <p class="badge ok">{t('clr.cleared')}</p>
      ) : (
        <>
          <p>{t('clr.blocked')}</p>
          <ul class="plain" data-testid="blockers">
            {c.blocked_by.map((b, i) => (
              <li key={b.code + (b.step ?? '') + (b.check ?? '') + i} data-code={b.code} data-step={b.step ?? b.check ?? ''}>
                <strong>{b.step || b.check ? label('step', (b.step || b.check)!) : label('clr.code', b.code)}</strong> — {words(b)}
                {b.earliest && (
                  <>
                    {' '}
                    <span class="badge warn" data-testid="earliest">{t('clr.earliest', { date: b.earliest })}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.until && <p>{t('clr.until', { date: c.until })}</p>}
      {checks.length > 0 && (
        <>
          <h3>{t('clr.departure')}</h3>
          <ul class="plain" data-testid="departure-checks">
            {checks.map((d) => (
              <li key={d.check} data-check={d.check}>
                <strong>{label('step', d.check, d.label)}</strong>{' '}
                <span data-testid="window">
                  {d.not_before && d.not_after
                    ? t('clr.window', { from: when(d.not_before), to: when(d.not_after) })
                    : d.not_after
                      ? t('clr.by', { to: when(d.not_after) })
                      : t('clr.no_flight')}
                </span>
                {d.restriction && <> — {t('clr.restriction')}</>}
                <div class="hint">{words(d)}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

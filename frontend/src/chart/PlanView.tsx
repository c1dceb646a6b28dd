// The plan: each required step in words, done or pending, its result, and why it is required —
// the rule's reason (always shown), and on demand its source and how sure we are of it ("verify"
// shows when confidence is low).
import { label, lang, t } from '../i18n';
import type { Chart, RequiredStep, Source } from '../types';
import { formatResult, latestResult } from './resultSpecs';

/** The rule's reason in French when the server has it and the user reads French; else English. */
function reasonOf(x: { reason: string; reason_fr?: string }): string {
  return lang() === 'fr' && x.reason_fr ? x.reason_fr : x.reason;
}

export function PlanView({ chart }: { chart: Chart }) {
  const plan = chart.plan;
  const scale = plan.outcome.scale ?? [];
  const outcomeLabels = plan.outcome.codes.map((c) => label('outcome', c, scale.find((l) => l.code === c)?.label));
  return (
    <section class="card" id="plan" aria-labelledby="plan-h">
      <h2 id="plan-h">
        {t('plan.title_for', { country: label('dest', chart.protocol.id) })}
      </h2>
      <table class="grid plan" data-testid="plan">
        <thead>
          <tr>
            <th scope="col">{t('plan.step')}</th>
            <th scope="col">{t('plan.status')}</th>
            <th scope="col">{t('plan.result')}</th>
            <th scope="col">{t('plan.why')}</th>
            <th scope="col">{t('plan.source')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.required.map((r, i) => (
            <Step key={r.step + i} r={r} chart={chart} />
          ))}
        </tbody>
      </table>
      <dl class="kv">
        <dt>{t('plan.outcome')}</dt>
        <dd data-testid="outcome">
          {outcomeLabels.join('; ') || '—'}{' '}
          <span class={'badge ' + (plan.outcome.final ? 'ok' : 'warn')}>
            {plan.outcome.final ? t('plan.final') : t('plan.provisional')}
          </span>
          {(plan.outcome.findings ?? []).length > 0 && (
            <ul class="plain">
              {plan.outcome.findings!.map((f) => (
                <li key={f.code}>
                  <strong>{label('outcome', f.code, scale.find((l) => l.code === f.code)?.label)}</strong> — {reasonOf(f)}
                  {f.confidence === 'low' && <span class="badge verify" title={t('plan.verify_long')}> {t('plan.verify')}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <Drugs title={t('plan.treatments')} drugs={plan.treatments} />
        <Drugs title={t('plan.withheld')} drugs={plan.withheld} />
        <dt>{t('plan.forms')}</dt>
        <dd>{plan.forms.join(', ') || '—'}</dd>
        {cleared(chart) && plan.valid_until && (
          <>
            <dt>{t('plan.valid_until')}</dt>
            <dd>{plan.valid_until}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Drugs lists presumptive treatments given or withheld, each with the rule's reason. */
function Drugs({ title, drugs }: { title: string; drugs: { drug: string; label?: string; reason: string; reason_fr?: string }[] }) {
  if (drugs.length === 0) return null;
  return (
    <>
      <dt>{title}</dt>
      <dd>
        <ul class="plain">
          {drugs.map((x) => (
            <li key={x.drug}>
              <strong>{label('drug', x.drug, x.label)}</strong> — {reasonOf(x)}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

function Step({ r, chart }: { r: RequiredStep; chart: Chart }) {
  const result = latestResult(chart, r.step);
  const reason = reasonOf(r);
  // The plan's "done" covers results only; the chart's incomplete list also knows whether the
  // workflow's own steps (history, examination) are recorded.
  const done = r.done && !(chart.incomplete ?? []).includes(r.step);
  return (
    <tr data-step={r.step} class={done ? 'done' : 'pending'}>
      <th scope="row">{label('step', r.step, r.label)}</th>
      <td>
        <span class={'badge ' + (done ? 'ok' : 'warn')}>{done ? t('plan.done') : t('plan.pending')}</span>
      </td>
      <td>{result ? formatResult(result) : '—'}</td>
      <td class="reason">{reason}</td>
      <td class="source">
        {r.confidence === 'low' && (
          <span class="badge verify" title={t('plan.verify_long')}>
            {t('plan.verify')}
          </span>
        )}
        <details class="source-detail">
          <summary>{t('plan.source_open')}</summary>
          <SourceText s={r.source} />
          {r.rule && <div class="hint">{t('plan.rule', { rule: r.rule })}</div>}
          <div class="hint">
            {t('plan.confidence')}: {label('confidence', r.confidence)}
          </div>
        </details>
      </td>
    </tr>
  );
}

function SourceText({ s }: { s: Source | string }) {
  if (!s) return <>—</>;
  if (typeof s === 'string') return <>{s}</>;
  const text = [s.doc, s.section && t('plan.section', { section: s.section }), s.edition].filter(Boolean).join(', ');
  return s.url ? (
    <a href={s.url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <>{text}</>
  );
}

/** A clearance exists once the record is signed with nothing that holds travel left undone. */
export function cleared(chart: Chart): boolean {
  if (!chart.signoff) return false;
  if ((chart.signoff.deferred ?? []).some((d) => d.holds_travel)) return false;
  return chart.state === 'signed' || chart.state === 'fit_to_travel';
}

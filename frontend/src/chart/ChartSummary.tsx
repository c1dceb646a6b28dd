// The chart's short summary, kept at the top while the page scrolls: who, the flags that need
// attention, what is still to do, and the outcome so far (provisional until every result is in).
import { label, t } from '../i18n';
import type { Chart } from '../types';

export function ChartSummary({ chart }: { chart: Chart }) {
  const a = chart.applicant;
  const plan = chart.plan;
  const scale = plan.outcome.scale ?? [];
  const flags = [
    chart.identity?.hold && t('sum.flag_identity'),
    chart.findings?.tb_symptoms && t('tbflag.symptoms'),
    chart.findings?.tb_contact && t('tbflag.contact'),
    chart.vitals?.pregnant && t('sum.flag_pregnant'),
  ].filter(Boolean) as string[];
  const pending = (chart.incomplete ?? []).map((s) => label('step', s, plan.required.find((r) => r.step === s)?.label));
  const outcome = plan.outcome.codes.map((c) => label('outcome', c, scale.find((l) => l.code === c)?.label)).join('; ');
  return (
    <div class="chart-summary" role="region" aria-label={t('sum.label')} data-testid="chart-summary">
      <strong>{a.surnames.toUpperCase()}, {a.given_names}</strong>
      <span data-testid="sum-flags">
        {t('sum.flags')}:{' '}
        {flags.length ? flags.map((f) => <span key={f} class="badge bad">{f}</span>) : <span class="badge ok">{t('sum.none')}</span>}
      </span>
      <span data-testid="sum-pending">
        {t('sum.pending')}: {pending.length ? pending.join(', ') : t('sum.nothing_pending')}
      </span>
      <span data-testid="sum-outcome">
        {t('plan.outcome')}: {outcome || t('plan.not_yet_known')}{' '}
        <span class={'badge ' + (plan.outcome.final ? 'ok' : 'warn')}>{plan.outcome.final ? t('plan.final') : t('plan.provisional')}</span>
      </span>
    </div>
  );
}

// The identity header: who this is, how old (and whether the birth date is estimated), where
// they are going, and which protocol version the assessment is pinned to.
import { PhotoImage } from '../components/PhotoCapture';
import { countryName, label, t } from '../i18n';
import type { Chart } from '../types';

export function Header({ chart }: { chart: Chart }) {
  const a = chart.applicant;
  const age = chart.plan?.age_years ?? a.age_years;
  return (
    <header class="chart-head card">
      <PhotoImage applicantId={chart.applicant.id} name={a.given_names + ' ' + a.surnames} />
      <h1 id="chart-h">
        {a.surnames.toUpperCase()}, {a.given_names}
      </h1>
      <dl class="facts">
        <div>
          <dt>{t('chart.age')}</dt>
          <dd data-testid="age">
            {t('chart.years', { n: age })}
            {a.birth_date_estimated && (
              <span class="badge est" title={t('chart.estimated_long')}>
                {t('chart.estimated')}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('chart.birth_date')}</dt>
          <dd>
            {a.birth_date}
            {a.birth_date_estimated ? ' ' + t('chart.estimated_mark') : ''}
          </dd>
        </div>
        <div>
          <dt>{t('chart.sex')}</dt>
          <dd>{label('sex', a.sex ?? '')}</dd>
        </div>
        <div>
          <dt>{t('chart.case')}</dt>
          <dd>{chart.case.case_number}</dd>
        </div>
        <div>
          <dt>{t('chart.destination')}</dt>
          <dd>
            {label('dest', chart.case.destination)} · {label('program', chart.case.program)}
          </dd>
        </div>
        <div>
          <dt>{t('chart.protocol')}</dt>
          <dd data-testid="protocol">
            {chart.protocol.id} {chart.protocol.version}
          </dd>
        </div>
        <div>
          <dt>{t('chart.residence')}</dt>
          <dd>{countryName(a.residence_country ?? '') || a.residence_country}</dd>
        </div>
        <div>
          <dt>{t('chart.exam_date')}</dt>
          <dd>{chart.exam_date}</dd>
        </div>
        <div>
          <dt>{t('chart.state')}</dt>
          <dd data-testid="state">{label('state', chart.state, chart.state_label)}</dd>
        </div>
      </dl>
    </header>
  );
}

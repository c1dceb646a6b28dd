// The applicant's chart: who, what the protocol requires and why, and the sections the role
// may fill in. Each section saves on its own and hands back the updated chart.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem } from '../components/Problem';
import { t } from '../i18n';
import { queryParam } from '../router';
import { can, useUser } from '../session';
import type { Chart } from '../types';
import { useTitle } from '../useTitle';
import { Classification } from './Classification';
import { Forms } from './Forms';
import { Header } from './Header';
import { HistorySection } from './HistorySection';
import { PecSection } from './PecSection';
import { PlanView } from './PlanView';
import { ResultEntry, SyphilisTreated } from './ResultEntry';
import { Addendum, Signoff } from './Signoff';
import { MentalHealthSection } from './MentalHealthSection';
import { TreatmentsSection } from './TreatmentsSection';
import { VaccinationSection } from './VaccinationSection';
import { VitalsSection } from './VitalsSection';
import { labSteps, latestResult } from './resultSpecs';

export interface SectionProps {
  chart: Chart;
  setChart: (c: Chart) => void;
  /** Fetch the newest chart; false when that failed (the page shows why). */
  reload: () => Promise<boolean>;
}

export function ChartPage({ id }: { id: string }) {
  const user = useUser();
  const [chart, setChart] = useState<Chart | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const from = queryParam('from');
  useTitle(chart ? `${chart.applicant.surnames.toUpperCase()}, ${chart.applicant.given_names}` : t('chart.title'));

  const reload = async () => {
    try {
      setChart(await api.get<Chart>('/assessments/' + encodeURIComponent(id)));
      setError(null);
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    }
  };
  useEffect(() => {
    setChart(null);
    void reload();
  }, [id]);

  if (!chart) return error ? <Problem error={error} /> : <p role="status">{t('common.loading')}</p>;

  const signed = !!chart.signoff;
  const p: SectionProps = { chart, setChart, reload };
  const isNurse = can(user, 'nurse');
  const isDoc = can(user, 'physician');
  const pecTime = signed && (from === 'pec' || isNurse || isDoc);
  const labPending = chart.plan.required.some((r) => labSteps.includes(r.step));
  const cxrRequired = chart.plan.required.some((r) => r.step === 'cxr');
  const syphilisReactive = latestResult(chart, 'syphilis')?.value === 'reactive';
  const formsShown = isNurse || isDoc || can(user, 'admin');

  return (
    <article aria-labelledby="chart-h">
      <Header chart={chart} />
      {error && <Problem error={error} />}
      {signed && (
        <div class="alert locked" role="status" data-testid="locked">
          {t('chart.locked', { by: chart.signoff!.by })}
        </div>
      )}
      <nav class="jump" aria-label={t('chart.sections')}>
        <a href="#plan">{t('plan.title')}</a>
        {!signed && (isNurse || isDoc) && <a href="#history">{t('history.title')}</a>}
        {!signed && (isNurse || isDoc) && <a href="#vitals">{t('vitals.title')}</a>}
        {(isNurse || isDoc) && chart.vaccination && <a href="#vaccination">{t('vx.title')}</a>}
        {(isNurse || isDoc) && (chart.treatments?.length ?? 0) > 0 && <a href="#treatments">{t('tx.title')}</a>}
        {!signed && can(user, 'lab', 'physician') && labPending && <a href="#lab">{t('lab.title')}</a>}
        {!signed && can(user, 'radiology', 'physician') && cxrRequired && <a href="#cxr">{t('cxr.title')}</a>}
        {isDoc && <a href="#classification">{t('class.title')}</a>}
        {pecTime && <a href="#pec">{t('pec.title')}</a>}
        {formsShown && <a href="#forms">{t('forms.title')}</a>}
      </nav>
      <div class="chart-grid">
        <div class="col-main">
          <PlanView chart={chart} />
          {(isNurse || isDoc) && <VaccinationSection {...p} editable={!signed} />}
          {(isNurse || isDoc) && <TreatmentsSection {...p} editable={!signed} />}
          {!signed && (isNurse || isDoc) && <MentalHealthSection {...p} />}
          {!signed && (isNurse || isDoc) && syphilisReactive && <SyphilisTreated {...p} />}
          {!signed && can(user, 'lab', 'physician') && labPending && <ResultEntry {...p} kind="lab" />}
          {!signed && can(user, 'radiology', 'physician') && cxrRequired && <ResultEntry {...p} kind="radiology" />}
          {!signed && can(user, 'radiology') && !cxrRequired && <p class="card">{t('cxr.not_required')}</p>}
          {isDoc && !signed && <Classification {...p} />}
          {isDoc && !signed && <Signoff {...p} />}
          {isDoc && signed && <Addendum {...p} />}
          {pecTime && <PecSection {...p} />}
        </div>
        <div class="col-side">
          {!signed && (isNurse || isDoc) && <HistorySection {...p} />}
          {!signed && (isNurse || isDoc) && <VitalsSection {...p} />}
          {signed && <Recorded chart={chart} />}
          {formsShown && <Forms {...p} />}
        </div>
      </div>
    </article>
  );
}

/** After sign-off: the recorded classification, sign-off and addenda, read only. */
function Recorded({ chart }: { chart: Chart }) {
  const c = chart.classification;
  return (
    <section class="card" aria-labelledby="rec-h">
      <h2 id="rec-h">{t('chart.signed_record')}</h2>
      <dl class="kv">
        <dt>{t('chart.signed_by')}</dt>
        <dd>{chart.signoff?.by}</dd>
        {chart.signoff?.incomplete_reason && (
          <>
            <dt>{t('signoff.reason_recorded')}</dt>
            <dd>{chart.signoff.incomplete_reason}</dd>
          </>
        )}
        {c?.notes && (
          <>
            <dt>{t('class.notes')}</dt>
            <dd>{c.notes}</dd>
          </>
        )}
      </dl>
      {chart.addenda.length > 0 && (
        <>
          <h3>{t('addendum.list')}</h3>
          <ul>
            {chart.addenda.map((a, i) => (
              <li key={i}>
                {a.text} — {a.by}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

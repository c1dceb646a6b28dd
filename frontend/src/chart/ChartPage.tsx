// The applicant's chart: who, what the protocol requires and why, and the sections the role
// may fill in. Each section saves on its own and hands back the updated chart.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem } from '../components/Problem';
import { label, t } from '../i18n';
import { can } from '../session';
import type { Chart } from '../types';
import { useTitle } from '../useTitle';
import { Classification } from './Classification';
import { Forms } from './Forms';
import { Header } from './Header';
import { IdentityCheck, IdentityHoldBanner } from './IdentityCheck';
import { HistorySection } from './HistorySection';
import { PecSection } from './PecSection';
import { PlanView } from './PlanView';
import { ClearanceView } from './ClearanceView';
import { ChartSummary } from './ChartSummary';
import { Fold } from './Fold';
import { LabBanner } from './LabBanner';
import { ResultEntry, SyphilisTreated } from './ResultEntry';
import { Addendum, Signoff } from './Signoff';
import { MentalHealthSection } from './MentalHealthSection';
import { CounsellingSection } from './CounsellingSection';
import { TreatmentsSection } from './TreatmentsSection';
import { DotSection } from './DotSection';
import { ImagingOrder } from './ImagingOrder';
import { ReferralsSection } from './ReferralsSection';
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
  const [chart, setChart] = useState<Chart | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
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
  const may = (permission: string) => can(chart, permission);
  const pecTime = may('record_pec');
  // Nurses and physicians see the vaccination record: to add doses while the record is open, and
  // read only once it is signed (when the pre-embarkation check is theirs).
  const vaccinationShown = may('record_dose') || may('record_pec');
  const labPending = chart.plan.required.some((r) => labSteps.includes(r.step));
  const cxrRequired = chart.plan.required.some((r) => r.step === 'cxr');
  const syphilisReactive = latestResult(chart, 'syphilis')?.value === 'reactive';
  const formsShown = may('read_forms');
  // Only radiology is told that no X-ray is needed: the physician's chart says so in the plan.
  const radiologyOnly = may('record_radiology_result') && !may('record_lab_result');

  // The user's own station comes first: its data entry at the top of the chart, then the plan
  // with why each step is required, then what the other stations recorded.
  const physician = may('classify') || may('add_addendum');
  const nurse = !physician && may('record_vitals');
  const labEntry = may('record_lab_result') && labPending && <ResultEntry {...p} kind="lab" />;
  const cxrEntry = may('record_radiology_result') && cxrRequired && <ResultEntry {...p} kind="radiology" />;
  const nurseSections = (
    <>
      {may('record_history') && <HistorySection {...p} />}
      {may('record_vitals') && <VitalsSection {...p} />}
    </>
  );
  const own = physician ? (
    <>
      {pecTime && <PecSection {...p} />}
      {may('classify') && <Classification {...p} />}
      {may('sign_off') && <Signoff {...p} />}
      {may('add_addendum') && <Addendum {...p} />}
    </>
  ) : nurse ? (
    <>
      {pecTime && <PecSection {...p} />}
      {!signed && nurseSections}
    </>
  ) : (
    <>
      {labEntry}
      {cxrEntry}
      {radiologyOnly && !cxrRequired && <p class="card">{t('cxr.not_required')}</p>}
      {pecTime && <PecSection {...p} />}
    </>
  );
  // A specialist's report the rules wait for keeps the referrals open on the chart.
  const referralAsked = chart.plan.pending.some((step) => step.startsWith('referral_'));
  // Another station's forms (the physician's view of the nurse's history and vitals) fold.
  const folded = (physician || (nurse && signed)) && (may('record_history') || may('record_vitals'));

  return (
    <article aria-labelledby="chart-h">
      <ChartSummary chart={chart} />
      <Header chart={chart} />
      <IdentityHoldBanner chart={chart} />
      {(may('check_identity') || may('resolve_identity')) && <IdentityCheck {...p} />}
      {error && <Problem error={error} />}
      {signed && (
        <div class="alert locked" role="status" data-testid="locked">
          {t('chart.locked', { by: chart.signoff!.by })}
        </div>
      )}
      {(may('acknowledge_critical') || may('record_lab_result') || may('collect_specimen')) && <LabBanner chart={chart} />}
      {(chart.findings?.tb_symptoms || chart.findings?.tb_contact) && (
        <div class="alert warn" role="note" data-testid="tb-flag">
          <strong>{t('tbflag.title')}</strong>:{' '}
          {[chart.findings?.tb_symptoms && t('tbflag.symptoms'), chart.findings?.tb_contact && t('tbflag.contact')]
            .filter(Boolean).join('; ')}
        </div>
      )}
      <nav class="jump" aria-label={t('chart.sections')}>
        <a href="#plan">{t('plan.title')}</a>
        {may('record_history') && <a href="#history">{t('history.title')}</a>}
        {may('record_vitals') && <a href="#vitals">{t('vitals.title')}</a>}
        {vaccinationShown && chart.vaccination && <a href="#vaccination">{t('vx.title')}</a>}
        {may('record_treatment') && (chart.treatments?.length ?? 0) > 0 && <a href="#treatments">{t('tx.title')}</a>}
        {may('record_lab_result') && labPending && <a href="#lab">{t('lab.title')}</a>}
        {may('record_radiology_result') && cxrRequired && <a href="#cxr">{t('cxr.title')}</a>}
        {(may('classify') || may('add_addendum')) && <a href="#classification">{t('class.title')}</a>}
        {pecTime && <a href="#pec">{t('pec.title')}</a>}
        {formsShown && <a href="#forms">{t('forms.title')}</a>}
      </nav>
      <div class="chart-grid">
        <div class="col-main" data-testid="own-station">
          {own}
          <PlanView chart={chart} />
          {!physician && <ClearanceView chart={chart} />}
          {vaccinationShown && <VaccinationSection {...p} editable={may('record_dose')} />}
          {!physician && (
            <>
              {vaccinationShown && <TreatmentsSection {...p} editable={may('record_treatment')} />}
              {may('record_mental_health') && <MentalHealthSection {...p} />}
              {may('record_counselling') && <CounsellingSection {...p} />}
            </>
          )}
          {may('record_treatment') && syphilisReactive && <SyphilisTreated {...p} />}
          {may('order_imaging') && cxrRequired && <ImagingOrder {...p} />}
          {chart.dot && (may('start_dot') || may('observe_dot')) && <DotSection {...p} mayStart={may('start_dot')} mayObserve={may('observe_dot')} />}
          {((chart.referrals?.length ?? 0) > 0 || referralAsked) && <ReferralsSection {...p} mayRefer={may('refer')} />}
          {nurse && labEntry}
          {nurse && cxrEntry}
        </div>
        <div class="col-side">
          {folded && (
            <Fold ids={['history', 'vitals']} summary={<NurseSummary chart={chart} />}>
              {nurseSections}
            </Fold>
          )}
          {physician && (
            <>
              <ClearanceView chart={chart} />
              {vaccinationShown && (
                <Fold ids={['treatments']} summary={t('tx.title')}>
                  <TreatmentsSection {...p} editable={may('record_treatment')} />
                </Fold>
              )}
              {may('record_mental_health') && (
                <Fold ids={['mental-health']} summary={t('mh.title')}>
                  <MentalHealthSection {...p} />
                </Fold>
              )}
              {may('record_counselling') && (
                <Fold ids={['counselling']} summary={t('counsel.title')}>
                  <CounsellingSection {...p} />
                </Fold>
              )}
              {!chart.dot && may('start_dot') && (
                <Fold ids={['dot']} summary={t('dot.title')}>
                  <DotSection {...p} mayStart mayObserve={may('observe_dot')} />
                </Fold>
              )}
              {(chart.referrals?.length ?? 0) === 0 && !referralAsked && may('refer') && (
                <Fold ids={['referrals']} summary={t('ref.title')}>
                  <ReferralsSection {...p} mayRefer />
                </Fold>
              )}
              {(labEntry || cxrEntry) && (
                <Fold ids={['lab', 'cxr']} summary={t('fold.results')}>
                  {labEntry}
                  {cxrEntry}
                </Fold>
              )}
            </>
          )}
          {signed && <Recorded chart={chart} />}
          {formsShown && <Forms {...p} />}
        </div>
      </div>
    </article>
  );
}

/** The folded nurse's sections say whether history and vitals are recorded, by whom. */
function NurseSummary({ chart }: { chart: Chart }) {
  const part = (title: string, rec: { recorded_by?: string | null } | null | undefined) =>
    `${title}: ${rec ? t('sum.recorded_by', { by: rec.recorded_by ?? '' }) : t('sum.not_recorded')}`;
  return (
    <span data-testid="nurse-fold">
      {part(t('history.title'), chart.history)} · {part(t('vitals.title'), chart.vitals)}
    </span>
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
        {(chart.signoff?.deferred?.length ?? 0) > 0 && (
          <>
            <dt>{t('so.not_done_recorded')}</dt>
            <dd data-testid="not-done">
              {chart.signoff!.deferred!.map((d) => `${label('step', d.step, d.label)} — ${d.reason}`).join('; ')}
            </dd>
          </>
        )}
        {(chart.signoff?.forms_not_issued?.length ?? 0) > 0 && (
          <>
            <dt>{t('so.not_issued_recorded')}</dt>
            <dd>{chart.signoff!.forms_not_issued!.map((f) => f.why).join(' ')}</dd>
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

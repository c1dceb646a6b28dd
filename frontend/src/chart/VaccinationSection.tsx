// Vaccination on the chart (nurse, physician): the DS-3025 worksheet for the US, the forecast per
// vaccine group, the history as CDSi judged it, and — until sign-off — the form to record a dose.
// After sign-off the section shows the record as it stood when signed, read only.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { SectionProps } from './ChartPage';
import { DoseForm, type DoseValues, blankDose } from './DoseForm';
import { DoseGrid } from './DoseGrid';
import { DoseRecords } from './DoseRecords';
import { Ds3025 } from './Ds3025';
import { Forecast } from './Forecast';
import { VaccineDecisionForm, VaccineDecisionList } from './VaccineDecisions';
import { VaccineLots, useVaccineLots } from './VaccineLots';

export function VaccinationSection(p: SectionProps & { editable: boolean }) {
  const v = p.chart.vaccination;
  const [start, setStart] = useState<DoseValues>(blankDose);
  const [round, setRound] = useState(0);
  const [last, setLast] = useState('');
  const stock = useVaccineLots();
  if (!v) return null;

  const saved = (d: DoseValues, cvx: string) => {
    // The next dose of the same card, or the next dose given today, starts where this one ended.
    setStart({ ...blankDose, origin: d.origin, source_document: d.source_document, date: d.origin === 'clinic' ? d.date : '' });
    setLast(t('vx.recorded_dose', { cvx, date: d.date }));
    setRound(round + 1);
    if (d.batch_id) void stock.load();
  };

  return (
    <>
      <section class="card" id="vaccination" aria-labelledby="vx-h">
        <h2 id="vx-h">{t('vx.title')}</h2>
        <p class="hint">{t('vx.assessed_on', { date: v.assessed_on })}</p>
        {v.ds3025 && (
          <>
            <h3 id="ds3025-h">{t('vx.ds3025_title')}</h3>
            <Ds3025 w={v.ds3025} />
          </>
        )}
        <h3>{t('vx.history')}</h3>
        <DoseGrid doses={v.doses} />
        <DoseRecords {...p} />
        <VaccineDecisionList {...p} />
        <h3>{t('vx.forecast')}</h3>
        <Forecast v={v} />
      </section>
      {p.editable && (
        <>
          <span role="status" aria-live="polite" class="saved vx-last" data-testid="vx-last">{last}</span>
          <DoseForm key={round} {...p} start={start} onSaved={saved} lots={stock.lots} />
          {v.ds3025 && <VaccineDecisionForm {...p} />}
          <VaccineLots lots={stock.lots} load={stock.load} today={v.assessed_on} />
        </>
      )}
    </>
  );
}

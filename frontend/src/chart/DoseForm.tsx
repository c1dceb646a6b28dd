// "Record a dose": given here today, or copied from a vaccination card. The vaccine is typed as
// a CVX code or picked from the list: the products the API names for this person first, then every
// vaccine the server knows (less the "unspecified formulation" codes for a dose given here). The
// server checks every field and its problems show beside them. The input is a draft until saved.
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { SelectField, TextField } from '../components/fields';
import { label, t } from '../i18n';
import type { Chart, MedicineBatch } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';
import { isUnspecified, offeredVaccines, resolveCvx, vaccineChoices, vaccineName } from './vaccination';
import { useVaccineList } from './vaccineList';

export interface DoseValues {
  origin: '' | 'clinic' | 'record';
  date: string;
  vaccine: string;
  mvx: string;
  manufacturer: string;
  lot: string;
  site: string;
  route: string;
  source_document: string;
  batch_id: string;
}

export const blankDose: DoseValues = {
  origin: '', date: '', vaccine: '', mvx: '', manufacturer: '', lot: '', site: '', route: '', source_document: '', batch_id: '',
};

const sites = ['left_arm', 'right_arm', 'left_thigh', 'right_thigh', 'left_gluteal', 'right_gluteal'];
const routes = ['intramuscular', 'subcutaneous', 'intradermal', 'oral', 'intranasal'];

interface Props extends SectionProps {
  /** The values a fresh form starts from (the last card's origin and document are kept). */
  start: DoseValues;
  onSaved: (saved: DoseValues, cvx: string) => void;
  /** The site's vaccine lots: a dose given here may come from one of them. */
  lots: MedicineBatch[] | null;
}

export function DoseForm({ chart, setChart, reload, start, onSaved, lots }: Props) {
  const form = useDraftForm<DoseValues>(`${chart.id}.vaccination.dose`, start);
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const here = v.origin === 'clinic';
  const vaccines = useVaccineList();
  const named = vaccineChoices(chart.vaccination);
  // Every known vaccine reads a typed name; the list shows only what suits the dose's origin.
  const known = offeredVaccines(named, vaccines.list, false);
  const choices = here ? offeredVaccines(named, vaccines.list, true) : known;
  const cvx = resolveCvx(v.vaccine, known);
  const mucosal = v.route === 'oral' || v.route === 'intranasal';
  // The lots of this vaccine; the server refuses an expired or empty one beside the field.
  const lotChoices = (lots ?? []).filter((b) => b.cvx === cvx);
  const fromLot = here && v.batch_id !== '';

  const setOrigin = (o: DoseValues['origin']) =>
    form.set(o === 'clinic' && !v.date ? { origin: o, date: chart.exam_date } : { origin: o });

  const submit = () => {
    if (!v.origin) return form.setStatus({ kind: 'invalid', message: t('vx.origin_required') });
    if (!cvx) return form.setStatus({ kind: 'invalid', message: t('vx.vaccine_required') });
    const body = {
      version: chart.version, date: v.date, cvx, origin: v.origin, mvx: v.mvx.trim().toUpperCase(),
      manufacturer: v.manufacturer.trim(), lot: v.lot.trim(), site: mucosal ? '' : v.site, route: v.route,
      source_document: v.origin === 'record' ? v.source_document.trim() : '',
      batch_id: here ? v.batch_id : '',
    };
    if (fromLot) Object.assign(body, { lot: '', mvx: '' });
    void form.submit(async () => {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/vaccinations`, body));
    }).then((ok) => ok && onSaved(v, cvx));
  };

  const name = cvx ? vaccineName(cvx, known) : '';
  const vaccineHint = !v.vaccine.trim()
    ? vaccines.failed ? t('vx.vaccine_list_failed') : t('vx.vaccine_hint')
    : !cvx ? t('vx.vaccine_unresolved')
    : here && isUnspecified(cvx, vaccines.list) ? t('vx.vaccine_unspecified_here', { cvx, name })
    : name ? t('vx.vaccine_is', { cvx, name }) : t('vx.vaccine_server_checks', { cvx });

  return (
    <SectionForm id="vx-record" title={t('vx.record_title')} form={form} onSubmit={submit} onReload={reload}
      submitLabel={t('vx.record_submit')}>
      <fieldset class="yesno vx-origin" aria-describedby={fieldError(errors, 'origin') ? 'vx-origin-err' : undefined}>
        <legend>{t('vx.origin')}<span class="req" aria-hidden="true"> *</span></legend>
        <label>
          <input type="radio" name="vx-origin" id="vx-origin-clinic" checked={here} onChange={() => setOrigin('clinic')} />
          {t('vx.origin_clinic')}
        </label>
        <label>
          <input type="radio" name="vx-origin" id="vx-origin-record" checked={v.origin === 'record'} onChange={() => setOrigin('record')} />
          {t('vx.origin_record')}
        </label>
        {fieldError(errors, 'origin') && <span class="field-error" id="vx-origin-err" role="alert">{fieldError(errors, 'origin')}</span>}
      </fieldset>
      <div class="row">
        <TextField id="vx-date" type="date" label={t('vx.date')} value={v.date} required size="short"
          max={chart.vaccination?.assessed_on} onInput={(x) => form.set({ date: x })} error={fieldError(errors, 'date')} />
        <div class="field wide">
          <label for="vx-cvx">{t('vx.vaccine_field')}<span class="req" aria-hidden="true"> *</span></label>
          <input id="vx-cvx" name="vx-cvx" type="text" list="vx-cvx-list" autoComplete="off" value={v.vaccine}
            aria-invalid={fieldError(errors, 'cvx') ? 'true' : undefined}
            aria-describedby={'vx-cvx-hint' + (fieldError(errors, 'cvx') ? ' vx-cvx-err' : '')}
            onInput={(e) => form.set({ vaccine: (e.currentTarget as HTMLInputElement).value })} />
          <datalist id="vx-cvx-list">
            {choices.map((c) => (
              <option key={c.cvx} value={c.cvx} label={c.from === 'list' ? c.name : `${c.name} — ${label('vxfrom', c.from)}`} />
            ))}
          </datalist>
          <span class="hint" id="vx-cvx-hint" data-testid="vx-cvx-hint">{vaccineHint}</span>
          {fieldError(errors, 'cvx') && <span class="field-error" id="vx-cvx-err" role="alert">{fieldError(errors, 'cvx')}</span>}
        </div>
      </div>
      {here && (
        <div class="row">
          <SelectField id="vx-batch" label={t('vlot.from_stock')} value={v.batch_id} placeholder={t('vlot.not_from_stock')}
            options={lotChoices.map((b) => ({ value: b.id, label: t('vlot.choice', { lot: b.lot, mvx: b.mvx, left: String(b.remaining), expires: b.expires_on }) }))}
            onChange={(x) => form.set({ batch_id: x })} error={fieldError(errors, 'batch_id')} hint={t('vlot.from_stock_hint')} />
        </div>
      )}
      {!fromLot && <div class="row">
        <TextField id="vx-lot" label={t('vx.lot')} value={v.lot} required={here} size="short"
          onInput={(x) => form.set({ lot: x })} error={fieldError(errors, 'lot')} />
        <TextField id="vx-mvx" label={t('vx.mvx')} value={v.mvx} size="short" hint={t('vx.mvx_hint')}
          onInput={(x) => form.set({ mvx: x })} error={fieldError(errors, 'mvx')} />
        <TextField id="vx-manufacturer" label={t('vx.manufacturer')} value={v.manufacturer}
          onInput={(x) => form.set({ manufacturer: x })} error={fieldError(errors, 'manufacturer')} />
      </div>}
      <div class="row">
        <SelectField id="vx-route" label={t('vx.route')} value={v.route} required={here} placeholder={here ? t('common.choose') : t('vx.not_on_record')}
          options={routes.map((r) => ({ value: r, label: label('vxroute', r) }))}
          onChange={(x) => form.set({ route: x })} error={fieldError(errors, 'route')} />
        <SelectField id="vx-site" label={t('vx.site')} value={mucosal ? '' : v.site} required={here && !mucosal} disabled={mucosal}
          placeholder={mucosal ? t('vx.no_site') : here ? t('common.choose') : t('vx.not_on_record')}
          options={sites.map((s) => ({ value: s, label: label('vxsite', s) }))}
          onChange={(x) => form.set({ site: x })} error={fieldError(errors, 'site')} />
        {v.origin === 'record' && (
          <TextField id="vx-source" label={t('vx.source_document')} value={v.source_document} required size="wide"
            hint={t('vx.source_hint')} onInput={(x) => form.set({ source_document: x })} error={fieldError(errors, 'source_document')} />
        )}
      </div>
    </SectionForm>
  );
}

// The receiving country's panel: its own applicants only (the server filters by the panel
// user's country), their signed forms, and one ZIP per flight.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { TextField } from '../components/fields';
import { FormList } from '../chart/Forms';
import { FlightLinks, InteropLinks } from '../chart/Interop';
import { label, t } from '../i18n';
import { navigate, queryParam } from '../router';
import { useUser } from '../session';
import type { Flight, Form, PanelApplicant } from '../types';
import { useTitle } from '../useTitle';

/** One row of the panel's list, as the table shows it. */
interface PanelRow {
  id: string;
  name: string;
  case_number: string;
  birth_date: string;
  estimated: boolean;
  flight: Flight | null;
  state: string;
  forms: Form[];
  assessment_id: string;
  /** Signed with required steps not done: "Chest X-ray — reason; ...". Empty when complete. */
  not_done: string;
  /** No standing consent to share results with this country: no forms listed. */
  consent_missing: boolean;
}

function rowOf(x: PanelApplicant): PanelRow {
  return {
    id: x.applicant_id,
    name: x.name,
    case_number: x.case_number,
    birth_date: x.birth_date,
    estimated: x.birth_date_estimated,
    flight: x.flight_number ? { number: x.flight_number, departure_date: x.departure_date ?? '' } : null,
    state: x.state,
    forms: x.forms,
    assessment_id: x.assessment_id,
    not_done: (x.not_done ?? []).map((d) => `${d.label} — ${d.reason}`).join('; '),
    consent_missing: x.consent_missing,
  };
}

export function Panel() {
  const user = useUser();
  useTitle(t('panel.title'));
  const [filters, setFilters] = useState({ flight: queryParam('flight'), from: queryParam('from'), to: queryParam('to') });
  const [applied, setApplied] = useState(filters);
  const [rows, setRows] = useState<PanelRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // One page of the list ({items, next}); a cursor appends the page after the rows shown.
  const load = async (cursor: string | null) => {
    setLoading(true);
    try {
      const r = await api.get<ListPage<PanelApplicant>>('/panel/applicants' + query({
        flight: applied.flight.trim().toUpperCase(), from: applied.from, to: applied.to, cursor: cursor ?? undefined,
      }));
      const page = r.items.map(rowOf);
      setRows((old) => (cursor && old ? [...old, ...page] : page));
      setNext(r.next ? r.next : null);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, [applied.flight, applied.from, applied.to]);

  const flights = [...new Set((rows ?? []).map((r) => r.flight?.number).filter((x): x is string => !!x))];

  return (
    <section aria-labelledby="panel-h">
      <h1 id="panel-h">{t('panel.title_for', { country: label('dest', user.country ?? '') })}</h1>
      <form class="row" role="search" onSubmit={(e) => {
        e.preventDefault();
        navigate('/panel' + query(filters), true);
        setApplied(filters);
      }}>
        <TextField id="panel-flight" label={t('panel.flight')} value={filters.flight} size="short"
          onInput={(x) => setFilters({ ...filters, flight: x })} />
        <TextField id="panel-from" type="date" label={t('panel.from')} value={filters.from} size="short"
          onInput={(x) => setFilters({ ...filters, from: x })} />
        <TextField id="panel-to" type="date" label={t('panel.to')} value={filters.to} size="short"
          onInput={(x) => setFilters({ ...filters, to: x })} />
        <div class="field">
          <button type="submit">{t('board.filter')}</button>
        </div>
      </form>
      <Problem error={error} />
      {applied.from && applied.to && (
        <p class="zips">
          <a href={`/api/panel/forms.zip${query({ from: applied.from, to: applied.to })}`} download data-testid="range-zip">
            {t('panel.range_zip', { from: applied.from, to: applied.to })}
          </a>
          <a href={`/api/panel/forms.zip${query({ from: applied.from, to: applied.to, new: '1' })}`} download data-testid="range-zip-new">
            {t('panel.range_zip_new', { from: applied.from, to: applied.to })}
          </a>
        </p>
      )}
      {flights.length > 0 && (
        <p class="zips">
          {flights.map((f) => (
            <a key={f} href={`/api/panel/flights/${encodeURIComponent(f)}/forms.zip`} download data-testid="flight-zip">
              {t('panel.zip', { flight: f })}
            </a>
          ))}
          {flights.map((f) => (
            <a key={'new' + f} href={`/api/panel/flights/${encodeURIComponent(f)}/forms.zip?new=1`} download data-testid="flight-zip-new">
              {t('panel.zip_new', { flight: f })}
            </a>
          ))}
          {flights.map((f) => <FlightLinks key={'ix' + f} flight={f} />)}
        </p>
      )}
      {rows && rows.length === 0 && <p>{t('panel.none')}</p>}
      {rows && rows.length > 0 && (
        <table class="grid" data-testid="panel-applicants">
          <thead>
            <tr>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('col.case')}</th>
              <th scope="col">{t('col.birth_date')}</th>
              <th scope="col">{t('col.flight')}</th>
              <th scope="col">{t('board.status')}</th>
              <th scope="col">{t('forms.title')}</th>
              <th scope="col">{t('ix.col')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-case={r.case_number}>
                <td>{r.name}</td>
                <td>{r.case_number}</td>
                <td>
                  {r.birth_date}
                  {r.estimated && ' ' + t('chart.estimated_mark')}
                </td>
                <td>{r.flight ? `${r.flight.number} · ${r.flight.departure_date}` : '—'}</td>
                <td>
                  {r.state ? label('state', r.state) : '—'}
                  {r.not_done && (
                    <div class="badge bad" data-testid="panel-incomplete">{t('so.not_done_recorded')}: {r.not_done}</div>
                  )}
                </td>
                <td>{r.consent_missing ? <span class="badge bad" data-testid="panel-consent-missing">{t('consent.share_missing')}</span> : r.forms.length ? <FormList forms={r.forms} timeZone={user.site?.timezone} /> : '—'}</td>
                <td>{r.assessment_id && r.forms.some((f) => f.status === 'valid') ? <InteropLinks assessmentId={r.assessment_id} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p>
          <button type="button" onClick={() => void load(next)} disabled={loading} data-testid="panel-more">
            {t('panel.more')}
          </button>
        </p>
      )}
    </section>
  );
}

// The caseworker's flights: the site's flights, and per flight every passenger fit / not fit /
// pending in plain words, what is missing and by when, those at risk first. No clinical detail.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { t } from '../i18n';
import { Link } from '../router';
import { useTitle } from '../useTitle';
import { FlightMedifs } from './FlightMedifs';

interface FlightItem {
  id: string;
  number: string;
  date: string;
  departure_time: string;
  departure_airport: string;
  destination_airport: string;
  connections: string[];
  passenger_count: number;
}

interface Passenger {
  applicant_id: string;
  case_id: string;
  case_number: string;
  name: string;
  fitness: 'fit' | 'not_fit' | 'pending';
  at_risk: boolean;
  status_label: string;
  missing_labels: string[];
  by: string | null;
  holds: { code: string; label: string; earliest: string | null }[];
  clearance: { kind: string; until: string | null; days_left: number | null; reexamine: boolean };
}

export function Flights() {
  useTitle(t('fl.title'));
  const [items, setItems] = useState<FlightItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.get<ListPage<FlightItem>>('/flights').then((r) => setItems(r.items), (e) => setError(e as ApiError));
  }, []);
  return (
    <section aria-labelledby="fl-h">
      <h1 id="fl-h">{t('fl.title')}</h1>
      <Problem error={error} />
      {items && items.length === 0 && <p>{t('fl.none')}</p>}
      {items && items.length > 0 && (
        <table class="grid" data-testid="flights">
          <thead>
            <tr>
              <th scope="col">{t('fl.number')}</th>
              <th scope="col">{t('fl.date')}</th>
              <th scope="col">{t('fl.route')}</th>
              <th scope="col">{t('fl.passengers')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id}>
                <td><Link href={'/flights/' + f.id}>{f.number}</Link></td>
                <td>{f.date} {f.departure_time}</td>
                <td>{[f.departure_airport, ...f.connections, f.destination_airport].filter(Boolean).join(' → ') || t('fl.unknown')}</td>
                <td>{f.passenger_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function clearanceText(c: Passenger['clearance']): string {
  if (c.kind === 'valid' && c.days_left !== null) return t('fl.expires_in', { n: c.days_left });
  if (c.kind === 'expires_before_flight') return t('fl.expires_before_flight');
  if (c.kind === 'expired') return t('fl.expired');
  return t('fl.unknown');
}

export function FlightBoard({ id }: { id: string }) {
  const [data, setData] = useState<{ flight: FlightItem; passengers: Passenger[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useTitle(data ? t('fl.board_title', { flight: data.flight.number, date: data.flight.date }) : t('fl.title'));
  useEffect(() => {
    api.get<{ flight: FlightItem; passengers: Passenger[] }>('/flights/' + encodeURIComponent(id) + '/board').then(setData, (e) => setError(e as ApiError));
  }, [id]);
  return (
    <section aria-labelledby="fb-h">
      <h1 id="fb-h">{data ? t('fl.board_title', { flight: data.flight.number, date: data.flight.date }) : t('fl.title')}</h1>
      <Problem error={error} />
      {data && (
        <>
          <p><a href={'/api/flights/' + encodeURIComponent(id) + '/board.csv'} download>{t('fl.csv')}</a></p>
          <table class="grid" data-testid="flight-board">
            <thead>
              <tr>
                <th scope="col">{t('col.case')}</th>
                <th scope="col">{t('fl.passengers')}</th>
                <th scope="col">{t('fl.fitness')}</th>
                <th scope="col">{t('fl.missing')}</th>
                <th scope="col">{t('fl.clearance')}</th>
              </tr>
            </thead>
            <tbody>
              {data.passengers.map((p) => (
                <tr key={p.applicant_id} data-at-risk={p.at_risk ? 'yes' : 'no'}>
                  <td><Link href={'/cases/' + p.case_id}>{p.case_number}</Link></td>
                  <td>{p.name}</td>
                  <td>
                    {t(('fl.' + p.fitness) as 'fl.fit')} — {p.status_label}
                    {p.at_risk && <strong class="warn"> ({t('fl.at_risk')})</strong>}
                  </td>
                  <td>
                    {[...p.missing_labels, ...p.holds.map((h) => h.label || h.code)].join('; ')}
                    {p.by && <> ({p.by})</>}
                    {p.holds.filter((h) => h.earliest).map((h) => <> ({h.earliest})</>)}
                  </td>
                  <td>
                    {clearanceText(p.clearance)}
                    {p.clearance.reexamine && <> — <Link href={'/cases/' + p.case_id}>{t('fl.reexamine')}</Link></>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <FlightMedifs flight={id} />
        </>
      )}
    </section>
  );
}

// The site head's dashboard: who waits at each station now and for how long, what is critical
// (critical results not acknowledged, identity mismatches, forms not made), what is overdue
// (results past their turnaround, pre-embarkation windows closing), and the flights of the next
// seven days with the people not yet fit to travel. It shows what the API returns.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem } from '../components/Problem';
import { label, t, type Key } from '../i18n';
import { Link } from '../router';
import type { Dashboard as DashboardData } from '../types';
import { useTitle } from '../useTitle';

const minutes = (m: number | null) => (m === null ? '—' : t('dash.minutes', { n: Math.round(m) }));
const when = (at: string) => new Date(at).toLocaleString();

function Alerts({ items, testid, empty }: { items: DashboardData['critical']; testid: string; empty: Key }) {
  if (items.length === 0) return <p data-testid={testid}>{t(empty)}</p>;
  return (
    <ul data-testid={testid}>
      {items.map((a) => (
        <li key={a.kind + a.assessment_id + a.what + a.since} data-kind={a.kind}>
          <strong>{t(`dash.kind.${a.kind}` as Key)}</strong> · <Link href={'/chart/' + a.assessment_id}>{a.name}</Link>
          {a.case_number && <> · {a.case_number}</>} · {a.what} · {a.due ? t('dash.due', { at: when(a.due) }) : t('dash.since', { at: when(a.since) })}
        </li>
      ))}
    </ul>
  );
}

export function Dashboard() {
  useTitle(t('dash.title'));
  const [d, setD] = useState<DashboardData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.get<DashboardData>('/dashboard').then(setD, (e) => setError(e as ApiError));
  }, []);
  return (
    <section aria-labelledby="dash-h">
      <h1 id="dash-h">{t('dash.title')}</h1>
      <Problem error={error} />
      {d && (
        <>
          <h2>{t('dash.queues')}</h2>
          <table class="grid" data-testid="dash-queues">
            <thead>
              <tr><th scope="col">{t('dash.station')}</th><th scope="col">{t('dash.waiting')}</th>
                <th scope="col">{t('dash.longest')}</th><th scope="col">{t('dash.median')}</th></tr>
            </thead>
            <tbody>
              {d.queues.map((q) => (
                <tr key={q.station} data-station={q.station}>
                  <th scope="row">{t(`nav.worklist_${q.station}` as Key)}</th>
                  <td>{q.waiting}</td><td>{minutes(q.longest_minutes)}</td><td>{minutes(q.median_minutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('dash.critical')}</h2>
          <Alerts items={d.critical} testid="dash-critical" empty="dash.no_critical" />
          <h2>{t('dash.overdue')}</h2>
          <Alerts items={d.overdue} testid="dash-overdue" empty="dash.no_overdue" />
          <h2>{t('dash.flights')}</h2>
          {d.flights.length === 0 && <p>{t('dash.no_flights')}</p>}
          {d.flights.map((f) => (
            <div class="card" key={f.id} data-testid="dash-flight">
              <h3>{f.number} · {f.date} · {t('dash.not_yet_fit', { n: f.not_yet_fit.length, of: f.passengers })}</h3>
              {f.not_yet_fit.length > 0 && (
                <ul>
                  {f.not_yet_fit.map((p) => (
                    <li key={p.applicant_id}><Link href={'/cases/' + p.case_id}>{p.case_number}</Link> · {p.name} · {label('state', p.state)}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          {d.not_recorded.length > 0 && (
            <>
              <h2>{t('dash.not_recorded')}</h2>
              <ul>{d.not_recorded.map((n) => <li key={n}>{n}</li>)}</ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

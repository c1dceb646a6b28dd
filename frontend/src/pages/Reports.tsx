// The monthly TB indicators of a site: the numbers as a table, charts of what the API returns
// (nothing computed here), a CSV download and a printable PDF. A physician sees their own site;
// an administrator may name any site.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Problem } from '../components/Problem';
import { TextField } from '../components/fields';
import { t, type Key } from '../i18n';
import { useUser } from '../session';
import type { TBIndicators } from '../types';
import { useTitle } from '../useTitle';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const STATIONS = ['registration', 'nurse', 'lab', 'radiology', 'physician', 'pec'];
const COLOURS = ['#1f6feb', '#8250df', '#bf8700', '#1a7f37', '#cf222e', '#57606a'];

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

function BarChart({ id, labels, datasets, stacked }: {
  id: string; labels: string[]; datasets: { label: string; data: number[] }[]; stacked?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: datasets.map((d, i) => ({ ...d, backgroundColor: COLOURS[i % COLOURS.length] })) },
      options: { animation: false, responsive: true, scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } } },
    });
    return () => chart.destroy();
  }, [labels.join('|'), JSON.stringify(datasets), stacked]);
  return <canvas id={id} data-testid={id} ref={canvas} height={120} role="img" aria-label={datasets.map((d) => d.label).join(', ')} />;
}

const num = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? t('rep.not_recorded') : v.toFixed(digits));
const spread = (s: { n: number; median: number | null; p90: number | null }) => `${num(s.median)} / ${num(s.p90)} (${s.n})`;

export function Reports() {
  useTitle(t('rep.title'));
  const user = useUser();
  const [month, setMonth] = useState(lastMonth());
  const [site, setSite] = useState(user.site.code);
  const [query, setQuery] = useState({ month: lastMonth(), site: user.site.code });
  const [r, setR] = useState<TBIndicators | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const qs = `?month=${encodeURIComponent(query.month)}&site=${encodeURIComponent(query.site)}`;
  useEffect(() => {
    setError(null);
    api.get<TBIndicators>('/reports/tb-indicators' + qs).then(setR, (e) => { setR(null); setError(e as ApiError); });
  }, [qs]);

  const days = r ? [...new Set(r.throughput.map((d) => d.day))] : [];
  const rows: [string, string][] = r ? [
    [t('rep.screened'), String(r.screened)],
    ...r.screened_by_age.map((c): [string, string] => [`${t('rep.by_age')}: ${t(`rep.age.${c.key}` as Key)}`, String(c.n)]),
    ...r.screened_by_destination.map((c): [string, string] => [`${t('rep.by_destination')}: ${c.key}`, String(c.n)]),
    [t('rep.cxr'), String(r.cxr)],
    [t('rep.cxr_suggestive'), String(r.cxr_suggestive)],
    [t('rep.sputum'), String(r.sputum_collected)],
    [t('rep.smear_pos'), String(r.smear_positive)],
    [t('rep.culture_pos'), String(r.culture_positive)],
    [t('rep.drug_resistant'), String(r.drug_resistant)],
    [t('rep.tb_disease'), String(r.tb_disease)],
    [t('rep.yield'), num(r.yield_per_100000)],
    ...r.class_b.map((c): [string, string] => [`${t('rep.class_b')}: ${c.key}`, String(c.n)]),
    [t('rep.culture_days'), spread(r.culture_days)],
    [t('rep.dot'), String(r.dot_completed)],
    [t('rep.signoff_hours'), spread(r.turnaround_signoff_hours)],
    [t('rep.cxr_hours'), spread(r.turnaround_cxr_hours)],
    ...r.forms_issued.map((c): [string, string] => [`${t('rep.forms')}: ${c.key}`, String(c.n)]),
    ...r.pec_outcomes.map((c): [string, string] => [`${t('rep.pec')}: ${t(`pec.out.${c.key}` as Key)}`, String(c.n)]),
  ] : [];

  return (
    <section aria-labelledby="rep-h">
      <h1 id="rep-h">{t('rep.title')}</h1>
      <form class="row" onSubmit={(e) => { e.preventDefault(); setQuery({ month, site: site.trim().toUpperCase() }); }}>
        <TextField id="rep-month" type="text" label={t('rep.month')} hint="YYYY-MM" value={month} size="short" onInput={setMonth} />
        {user.role === 'admin' && <TextField id="rep-site" label={t('rep.site')} value={site} size="short" onInput={setSite} />}
        <button type="submit">{t('rep.show')}</button>
      </form>
      <Problem error={error} />
      {r && (
        <>
          <p>
            <a href={'/api/reports/tb-indicators.csv' + qs} download>{t('rep.csv')}</a> ·{' '}
            <a href={'/api/reports/tb-indicators.pdf' + qs} download>{t('rep.pdf')}</a>
          </p>
          <h2>{t('rep.by_age')}</h2>
          <BarChart id="rep-chart-age" labels={r.screened_by_age.map((c) => t(`rep.age.${c.key}` as Key))}
            datasets={[{ label: t('rep.screened'), data: r.screened_by_age.map((c) => c.n) }]} />
          <h2>{t('rep.throughput')}</h2>
          <BarChart id="rep-chart-throughput" labels={days} stacked
            datasets={STATIONS.map((s) => ({ label: s, data: days.map((d) => r.throughput.find((x) => x.day === d && x.station === s)?.n ?? 0) }))} />
          <h2>{t('rep.pec')}</h2>
          <BarChart id="rep-chart-pec" labels={r.pec_outcomes.map((c) => t(`pec.out.${c.key}` as Key))}
            datasets={[{ label: t('rep.pec'), data: r.pec_outcomes.map((c) => c.n) }]} />
          <table class="grid" data-testid="rep-table">
            <caption>{t('rep.title')} · {r.site} · {r.month}</caption>
            <thead>
              <tr><th scope="col">{t('rep.indicator')}</th><th scope="col">{t('rep.value')}</th></tr>
            </thead>
            <tbody>
              {rows.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{v}</td></tr>)}
            </tbody>
          </table>
          {r.not_recorded.length > 0 && (
            <>
              <h2>{t('rep.not_recorded_title')}</h2>
              <ul>{r.not_recorded.map((n) => <li key={n}>{n}</li>)}</ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

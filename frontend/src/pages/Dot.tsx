// The DOT station: the site's courses of TB treatment under observation whose dose is not
// observed on a day (today: still to observe; a past day: missed), each linking to the chart
// where the dose is ticked. The list comes from GET /api/dot/due (docs/dot.md).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { TextField } from '../components/fields';
import { t } from '../i18n';
import { Link } from '../router';
import type { DotDue as Due } from '../types';
import { useTitle } from '../useTitle';

export function DotStation() {
  useTitle(t('dot.station'));
  const [day, setDay] = useState('');
  const [items, setItems] = useState<Due[] | null>(null);
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const load = async (cursor: string) => {
    try {
      const p = await api.get<ListPage<Due>>('/dot/due' + query({ day: day || undefined, limit: '100', cursor: cursor || undefined }));
      setItems((old) => (cursor && old ? [...old, ...p.items] : p.items));
      setNext(p.next ?? '');
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load('');
  }, [day]);
  return (
    <section aria-labelledby="dotst-h">
      <h1 id="dotst-h">{t('dot.station')}</h1>
      <p>{t('dot.station_intro')}</p>
      <TextField id="dot-day" type="date" label={t('dot.station_day')} hint={t('dot.station_day_hint')} value={day} onInput={setDay} size="short" />
      {error && <Problem error={error} />}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p data-testid="dot-due-none">{t('dot.station_none')}</p>}
      {items && items.length > 0 && (
        <table class="grid" data-testid="dot-due">
          <caption class="sr-only">{t('dot.station')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dot.station_person')}</th>
              <th scope="col">{t('dot.day')}</th>
              <th scope="col">{t('dot.period')}</th>
              <th scope="col">{t('dot.station_progress')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.assessment_id + d.day} data-id={d.assessment_id}>
                <th scope="row"><Link href={`/chart/${d.assessment_id}#dot`}>{d.name}</Link> ({d.case_number})</th>
                <td>{d.day}</td>
                <td>{d.start_on} → {d.planned_end}</td>
                <td>{t('dot.progress', { observed: d.observed, needed: d.doses_needed })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && <button type="button" onClick={() => void load(next)}>{t('dot.station_more')}</button>}
    </section>
  );
}

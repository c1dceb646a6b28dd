// The physician's referral list: the site's open specialist referrals, soonest due first, the
// overdue ones marked (or only those), each linking to the chart's referrals.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { Checkbox } from '../components/fields';
import { t } from '../i18n';
import { Link } from '../router';
import type { Referral } from '../types';
import { useTitle } from '../useTitle';

export function Referrals() {
  useTitle(t('ref.list'));
  const [overdue, setOverdue] = useState(false);
  const [items, setItems] = useState<Referral[] | null>(null);
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const load = async (cursor: string) => {
    try {
      const p = await api.get<ListPage<Referral>>('/referrals' + query({ overdue: overdue ? '1' : undefined, cursor: cursor || undefined }));
      setItems((old) => (cursor && old ? [...old, ...p.items] : p.items));
      setNext(p.next ?? '');
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load('');
  }, [overdue]);
  return (
    <section aria-labelledby="refl-h">
      <h1 id="refl-h">{t('ref.list')}</h1>
      <Checkbox id="ref-overdue" label={t('ref.only_overdue')} checked={overdue} onChange={setOverdue} />
      {error && <Problem error={error} />}
      {items === null && !error && <p role="status">{t('common.loading')}</p>}
      {items && items.length === 0 && <p data-testid="ref-list-none">{t('ref.list_none')}</p>}
      {items && items.length > 0 && (
        <table class="grid" data-testid="ref-list">
          <caption class="sr-only">{t('ref.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dot.station_person')}</th>
              <th scope="col">{t('ref.specialty')}</th>
              <th scope="col">{t('ref.urgency')}</th>
              <th scope="col">{t('ref.due_on')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-id={r.id} class={r.overdue ? 'overdue' : undefined}>
                <th scope="row"><Link href={`/chart/${r.assessment_id}#referrals`}>{r.name}</Link> ({r.case_number})</th>
                <td>{r.specialty}</td>
                <td>{t(`ref.urg_${r.urgency}` as 'ref.urg_routine')}</td>
                <td>{r.due_on}{r.overdue ? ` — ${t('ref.overdue')}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && <button type="button" onClick={() => void load(next)}>{t('dot.station_more')}</button>}
    </section>
  );
}

// The MEDIFs of a flight's passengers who travel with assistance, for the movement officer to
// send to the airline: who, what assistance, and the signed PDF.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { t } from '../i18n';

interface Medif {
  applicant_id: string;
  case_number: string;
  name: string;
  needs: string[];
  pdf: string;
  form: { id: string; status: string };
}

export function FlightMedifs({ flight }: { flight: string }) {
  const [items, setItems] = useState<Medif[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api.get<ListPage<Medif>>('/flights/' + encodeURIComponent(flight) + '/medifs').then((r) => setItems(r.items), (e) => setError(e as ApiError));
  }, [flight]);
  return (
    <section aria-labelledby="medif-h" data-testid="flight-medifs">
      <h2 id="medif-h">{t('fl.medifs')}</h2>
      <Problem error={error} />
      {items && items.length === 0 && <p>{t('fl.medifs_none')}</p>}
      {items && items.length > 0 && (
        <ul>
          {items.map((m) => (
            <li key={m.form.id}>
              {m.case_number} · {m.name}: {m.needs.join(' · ')}{' '}
              {m.form.status === 'valid' && <a href={m.pdf} download>{t('fl.medif_download')}</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

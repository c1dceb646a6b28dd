// The people held by an identity mismatch at a station, for the registrar: who, where, why, and
// the registrar's resolution (what was found and done), which lifts the hold.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { label, t } from '../i18n';
import { Link } from '../router';
import type { IdentityHold } from '../types';
import { Problem, fieldError } from './Problem';

export function IdentityHolds() {
  const [holds, setHolds] = useState<IdentityHold[] | null>(null);
  const [resolved, setResolved] = useState('');
  const load = () => api.get<{ items: IdentityHold[] }>('/identity/holds').then((r) => setHolds(r.items), () => setHolds(null));
  useEffect(() => {
    void load();
  }, []);
  if (!resolved && (!holds || holds.length === 0)) return null;
  return (
    <section class="card" aria-labelledby="holds-h" data-testid="identity-holds">
      <h2 id="holds-h">{t('idc.holds_title')}</h2>
      {resolved && <p class="alert ok" role="status" data-testid="identity-resolved">{t('idc.resolved', { person: resolved })}</p>}
      {holds && holds.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('idc.person')}</th>
              <th scope="col">{t('idc.station')}</th>
              <th scope="col">{t('idc.why')}</th>
              <th scope="col">{t('idc.resolution')}</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.check.id} data-testid="identity-hold-row">
                <td><Link href={'/cases/' + encodeURIComponent(h.case_id)}>{h.person}</Link> ({h.case_number})</td>
                <td>{label('idc.station', h.check.station)}</td>
                <td>{h.check.reason} — {h.check.by}</td>
                <td><Resolve hold={h} onDone={() => { setResolved(h.person); void load(); }} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Resolve({ hold, onDone }: { hold: IdentityHold; onDone: () => void }) {
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const id = 'res-' + hold.check.id;
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await api.post(`/assessments/${encodeURIComponent(hold.assessment_id)}/identity-checks/${encodeURIComponent(hold.check.id)}/resolve`, { resolution });
      setError(null);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form onSubmit={submit}>
      <label for={id} class="sr-only">{t('idc.resolution')}</label>
      <textarea id={id} value={resolution} maxLength={500} onInput={(e) => setResolution((e.target as HTMLTextAreaElement).value)} />
      {fieldError(error?.errors, 'resolution') && <p class="error">{fieldError(error?.errors, 'resolution')}</p>}
      {error && !error.errors?.length && <Problem error={error} />}
      <button type="submit">{t('idc.resolve')}</button>
    </form>
  );
}

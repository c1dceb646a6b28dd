// The people held by an identity mismatch at a station, for the registrar: who, where, why.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { label, t } from '../i18n';
import { Link } from '../router';
import type { IdentityHold } from '../types';

export function IdentityHolds() {
  const [holds, setHolds] = useState<IdentityHold[] | null>(null);
  useEffect(() => {
    api.get<{ items: IdentityHold[] }>('/identity/holds').then((r) => setHolds(r.items), () => setHolds(null));
  }, []);
  if (!holds || holds.length === 0) return null;
  return (
    <section class="card" aria-labelledby="holds-h" data-testid="identity-holds">
      <h2 id="holds-h">{t('idc.holds_title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('idc.person')}</th>
            <th scope="col">{t('idc.station')}</th>
            <th scope="col">{t('idc.why')}</th>
          </tr>
        </thead>
        <tbody>
          {holds.map((h) => (
            <tr key={h.check.id}>
              <td><Link href={'/cases/' + encodeURIComponent(h.case_id)}>{h.person}</Link> ({h.case_number})</td>
              <td>{label('idc.station', h.check.station)}</td>
              <td>{h.check.reason} — {h.check.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

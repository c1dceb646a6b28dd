// The nurse in charge's vaccine supply: the site's vaccine lots low in doses or expiring soon
// (thresholds from the site, or changed for one look), and the vaccines the site cannot routinely
// get, with the list's history. A vaccine on that list prints "not routinely available" with its
// date on the DS-3025 of each applicant due a dose of it.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query } from '../api';
import { Problem, fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { SelectField, TextField } from '../components/fields';
import { label, t } from '../i18n';
import { can } from '../session';
import type { AvailabilityResponse, StockAlert, StockAlertsResponse, VaccineUnavailability } from '../types';
import { useDraftForm } from '../useDraftForm';
import { useTitle } from '../useTitle';

export function VaccineSupply() {
  useTitle(t('supply.title'));
  return (
    <section aria-labelledby="supply-h">
      <h1 id="supply-h">{t('supply.title')}</h1>
      <StockAlerts />
      <Availability />
    </section>
  );
}

/** The flags of a lot on the list, in the order they matter. */
function flags(a: StockAlert): string[] {
  const out: string[] = [];
  if (a.expired) out.push('expired');
  if (a.expiring) out.push('expiring');
  if (a.low) out.push(a.remaining <= 0 ? 'empty' : 'low');
  return out;
}

function StockAlerts() {
  const [list, setList] = useState<StockAlertsResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [low, setLow] = useState('');
  const [days, setDays] = useState('');
  const [saved, setSaved] = useState('');
  const load = async (lowDoses?: string, expiringDays?: string) => {
    try {
      const r = await api.get<StockAlertsResponse>('/vaccines/stock-alerts' + query({ low_doses: lowDoses || undefined, expiring_days: expiringDays || undefined }));
      setList(r);
      setLow(String(r.settings.low_doses));
      setDays(String(r.settings.expiring_days));
      setError(null);
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    }
  };
  useEffect(() => void load(), []);
  const save = async () => {
    try {
      await api.put('/vaccines/stock-alerts/settings', { low_doses: Number(low), expiring_days: Number(days) });
      setSaved(t('supply.thresholds_saved'));
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const errors = error?.errors;
  return (
    <section class="card" aria-labelledby="alerts-h" data-testid="stock-alerts">
      <h2 id="alerts-h">{t('supply.alerts_title')}</h2>
      {list && <p class="hint">{t('supply.alerts_hint', { low: list.settings.low_doses, days: list.settings.expiring_days, today: list.today })}</p>}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved('');
          void load(low, days);
        }}
      >
        <TextField id="alerts-low" type="number" inputMode="numeric" min="0" step="1" size="short" label={t('supply.low_doses')}
          value={low} onInput={setLow} error={fieldError(errors, 'low_doses')} />
        <TextField id="alerts-days" type="number" inputMode="numeric" min="0" step="1" size="short" label={t('supply.expiring_days')}
          value={days} onInput={setDays} error={fieldError(errors, 'expiring_days')} />
        <div class="actions">
          <button type="submit">{t('supply.show')}</button>
          {can(list, 'manage_vaccine_supply') && (
            <button type="button" class="secondary" onClick={() => void save()}>
              {t('supply.save_thresholds')}
            </button>
          )}
          <span role="status" class="saved">{saved}</span>
        </div>
      </form>
      {error && !errors?.length && <Problem error={error} />}
      {list && list.lots.length === 0 && <p data-testid="alerts-none">{t('supply.alerts_none')}</p>}
      {list && list.lots.length > 0 && (
        <table class="grid" data-testid="alerts-table">
          <caption class="sr-only">{t('supply.alerts_title')}</caption>
          <thead>
            <tr>
              <th scope="col">CVX</th>
              <th scope="col">MVX</th>
              <th scope="col">{t('vx.lot')}</th>
              <th scope="col">{t('stock.col_expires')}</th>
              <th scope="col">{t('vlot.left')}</th>
              <th scope="col">{t('supply.why')}</th>
            </tr>
          </thead>
          <tbody>
            {list.lots.map((a) => (
              <tr key={a.id} data-lot={a.lot} data-flags={flags(a).join(' ')}>
                <td>{a.cvx}</td>
                <td>{a.mvx}</td>
                <td>{a.lot}</td>
                <td>
                  {a.expires_on} <span class="hint">({t('supply.days_left', { n: a.days_left })})</span>
                </td>
                <td data-testid={`alert-left-${a.lot}`}>{a.remaining} / {a.received}</td>
                <td>
                  {flags(a).map((f) => (
                    <span key={f} class={'badge ' + (f === 'expired' || f === 'empty' ? 'bad' : 'warn')}>
                      {label('supplyflag', f)}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface AddValues {
  vaccine: string;
  note: string;
}

function Availability() {
  const [av, setAv] = useState<AvailabilityResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const form = useDraftForm<AddValues>('supply.unavailable', { vaccine: '', note: '' });
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const load = async () => {
    try {
      setAv(await api.get<AvailabilityResponse>('/vaccines/availability'));
      setError(null);
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    }
  };
  useEffect(() => void load(), []);
  const name = (key: string) => {
    const v = av?.vaccines.find((x) => x.key === key || x.group === key);
    return v ? (v.key === key ? v.name : `${v.group} (${t('supply.cdsi_group')})`) : key;
  };
  const add = () => {
    const body = { vaccine: form.values.vaccine, note: form.values.note.trim() };
    void form.submit(() => api.post<VaccineUnavailability>('/vaccines/availability', body)).then(async (ok) => {
      if (!ok) return;
      form.set({ vaccine: '', note: '' });
      await load();
    });
  };
  const lift = async (u: VaccineUnavailability) => {
    try {
      await api.post(`/vaccines/availability/${u.id}/lift`, { note: '' });
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const manage = can(av, 'manage_vaccine_supply');
  return (
    <section class="card" aria-labelledby="avail-h" data-testid="availability">
      <h2 id="avail-h">{t('supply.unavailable_title')}</h2>
      <p class="hint">{t('supply.unavailable_hint')}</p>
      {error && <Problem error={error} />}
      {av && av.entries.length === 0 && <p data-testid="avail-none">{t('supply.unavailable_none')}</p>}
      {av && av.entries.length > 0 && (
        <table class="grid" data-testid="avail-table">
          <caption class="sr-only">{t('supply.unavailable_title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vx.vaccine')}</th>
              <th scope="col">{t('supply.since')}</th>
              <th scope="col">{t('supply.note')}</th>
              <th scope="col">{t('supply.state')}</th>
            </tr>
          </thead>
          <tbody>
            {av.entries.map((u) => (
              <tr key={u.id} data-vaccine={u.vaccine} data-in-force={u.in_force ? 'yes' : 'no'}>
                <th scope="row">{name(u.vaccine)}</th>
                <td>{t('supply.set_by', { date: u.set_on, who: u.set_by })}</td>
                <td>{u.note || '—'}</td>
                <td>
                  {u.in_force ? (
                    <>
                      <span class="badge warn">{t('supply.in_force')}</span>{' '}
                      {manage && (
                        <button type="button" class="secondary" onClick={() => void lift(u)}>
                          {t('supply.lift')}
                        </button>
                      )}
                    </>
                  ) : (
                    <span class="hint">{t('supply.lifted_by', { date: (u.lifted_at ?? '').slice(0, 10), who: u.lifted_by })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && av && (
        <SectionForm id="avail-add" title={t('supply.add_title')} form={form} onSubmit={add} onReload={load} submitLabel={t('supply.add_submit')}>
          <div class="row">
            <SelectField id="avail-vaccine" label={t('vx.vaccine')} value={form.values.vaccine} required placeholder={t('supply.choose')}
              options={av.vaccines.map((v) => ({ value: v.key, label: `${v.name} (${v.key})` }))}
              onChange={(x) => form.set({ vaccine: x })} error={fieldError(errors, 'vaccine')} />
            <TextField id="avail-note" label={t('supply.note')} value={form.values.note} size="wide"
              onInput={(x) => form.set({ note: x })} error={fieldError(errors, 'note')} />
          </div>
        </SectionForm>
      )}
    </section>
  );
}

// The site's vaccine lots at the vaccination station: vaccine (CVX), manufacturer (MVX), lot,
// expiry, doses received and left, flagged when expired, expiring within 30 days or low (5 doses
// or fewer); and a form to receive a lot. A dose given here picks one of these lots.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { SelectField, TextField } from '../components/fields';
import { label, t } from '../i18n';
import type { MedicineBatch } from '../types';
import { useDraftForm } from '../useDraftForm';

/** The site's vaccine lots, reloaded on demand. */
export function useVaccineLots(): { lots: MedicineBatch[] | null; load: () => Promise<boolean> } {
  const [lots, setLots] = useState<MedicineBatch[] | null>(null);
  const load = async () => {
    try {
      setLots((await api.get<{ items: MedicineBatch[] }>('/medicines/batches?drug=vaccine')).items);
      return true;
    } catch {
      return false;
    }
  };
  useEffect(() => void load(), []);
  return { lots, load };
}

const soonDays = 30;
const lowDoses = 5;

/** The lot's flags on a day: expired, expiring soon, low, empty. */
export function lotFlags(b: MedicineBatch, today: string): string[] {
  const out: string[] = [];
  const soon = new Date(today + 'T00:00:00Z');
  soon.setUTCDate(soon.getUTCDate() + soonDays);
  if (b.expires_on < today) out.push('expired');
  else if (b.expires_on <= soon.toISOString().slice(0, 10)) out.push('expiring');
  if (b.remaining <= 0) out.push('empty');
  else if (b.remaining <= lowDoses) out.push('low');
  return out;
}

interface Values {
  cvx: string;
  mvx: string;
  lot: string;
  form: string;
  expires_on: string;
  received: string;
}

const blank: Values = { cvx: '', mvx: '', lot: '', form: 'vial', expires_on: '', received: '' };

export function VaccineLots({ lots, load, today }: { lots: MedicineBatch[] | null; load: () => Promise<boolean>; today: string }) {
  const form = useDraftForm<Values>('stock.vaccine', blank);
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const [done, setDone] = useState('');

  const submit = () => {
    const body = { drug: 'vaccine', cvx: v.cvx.trim(), mvx: v.mvx.trim().toUpperCase(), lot: v.lot.trim(), strength: 1, strength_unit: 'dose',
      form: v.form, expires_on: v.expires_on, received: Number(v.received) };
    void form.submit(async () => {
      await api.post<MedicineBatch>('/medicines/batches', body, { idempotencyKey: `vaccine-${body.cvx}-${body.lot}` });
    }).then(async (ok) => {
      if (!ok) return;
      setDone(t('vlot.received_ok', { lot: body.lot, cvx: body.cvx }));
      form.set(blank);
      await load();
    });
  };

  return (
    <details class="stock" id="vaccine-lots">
      <summary>{t('vlot.title')}</summary>
      {lots && lots.length === 0 && <p>{t('vlot.empty')}</p>}
      {lots && lots.length > 0 && (
        <table class="grid" data-testid="vlot-table">
          <caption class="sr-only">{t('vlot.title')}</caption>
          <thead>
            <tr>
              <th scope="col">CVX</th>
              <th scope="col">MVX</th>
              <th scope="col">{t('vx.lot')}</th>
              <th scope="col">{t('stock.col_expires')}</th>
              <th scope="col">{t('vlot.left')}</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((b) => (
              <tr key={b.id} data-lot={b.lot} data-flags={lotFlags(b, today).join(' ')}>
                <td>{b.cvx}</td>
                <td>{b.mvx}</td>
                <td>{b.lot}</td>
                <td>{b.expires_on}</td>
                <td>
                  <span data-testid={`vlot-left-${b.lot}`}>{b.remaining} / {b.received}</span>
                  {lotFlags(b, today).map((f) => <span key={f} class="badge warn"> {label('vlotflag', f)}</span>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SectionForm id="vlot-receive" title={t('vlot.receive_title')} form={form} onSubmit={submit} onReload={load} submitLabel={t('vlot.receive_submit')}>
        {done && <p role="status" data-testid="vlot-last">{done}</p>}
        <div class="row">
          <TextField id="vlot-cvx" label="CVX" value={v.cvx} required size="short" onInput={(x) => form.set({ cvx: x })} error={fieldError(errors, 'cvx')} />
          <TextField id="vlot-mvx" label={t('vx.mvx')} value={v.mvx} required size="short" onInput={(x) => form.set({ mvx: x })} error={fieldError(errors, 'mvx')} />
          <TextField id="vlot-lot" label={t('vx.lot')} value={v.lot} required size="short" onInput={(x) => form.set({ lot: x })} error={fieldError(errors, 'lot')} />
        </div>
        <div class="row">
          <SelectField id="vlot-form" label={t('stock.form')} value={v.form} required
            options={['vial', 'multi_dose_vial', 'prefilled_syringe', 'oral'].map((f) => ({ value: f, label: label('vlotform', f) }))}
            onChange={(x) => form.set({ form: x })} error={fieldError(errors, 'form')} />
          <TextField id="vlot-expires" type="date" label={t('stock.expires_on')} value={v.expires_on} required size="short"
            onInput={(x) => form.set({ expires_on: x })} error={fieldError(errors, 'expires_on')} />
          <TextField id="vlot-received" type="number" inputMode="numeric" step="1" min="1" label={t('vlot.received')} value={v.received}
            required size="short" onInput={(x) => form.set({ received: x })} error={fieldError(errors, 'received')} />
        </div>
      </SectionForm>
    </details>
  );
}

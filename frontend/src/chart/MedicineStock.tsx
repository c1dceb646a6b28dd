// The site's medicine stock at the nurse station: the batches with what is left and their expiry,
// and a form to receive a new batch. The server refuses an expired batch.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { SelectField, TextField } from '../components/fields';
import { label, t } from '../i18n';
import type { MedicineBatch } from '../types';
import { useDraftForm } from '../useDraftForm';

const drugs = ['albendazole', 'ivermectin', 'praziquantel', 'artemether_lumefantrine'];
const forms = ['tablet', 'chewable_tablet', 'suspension'];

interface Values {
  drug: string;
  lot: string;
  strength: string;
  strength_unit: string;
  form: string;
  expires_on: string;
  received: string;
}

export function MedicineStock({ onChange }: { onChange: () => void }) {
  const [batches, setBatches] = useState<MedicineBatch[] | null>(null);
  const [done, setDone] = useState('');
  const load = async () => {
    try {
      setBatches((await api.get<{ items: MedicineBatch[] }>('/medicines/batches')).items);
      return true;
    } catch {
      return false;
    }
  };
  useEffect(() => void load(), []);
  const blank: Values = { drug: '', lot: '', strength: '', strength_unit: 'mg', form: 'tablet', expires_on: '', received: '' };
  const form = useDraftForm<Values>('stock.receive', blank);
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const today = new Date().toISOString().slice(0, 10);

  const submit = () => {
    const body = { drug: v.drug, lot: v.lot.trim(), strength: Number(v.strength), strength_unit: v.strength_unit, form: v.form,
      expires_on: v.expires_on, received: Number(v.received) };
    void form.submit(async () => {
      await api.post<MedicineBatch>('/medicines/batches', body, { idempotencyKey: `stock-${body.drug}-${body.lot}` });
    }).then(async (ok) => {
      if (!ok) return;
      setDone(t('stock.received_ok', { lot: body.lot, drug: label('drug', body.drug) }));
      form.set(blank);
      await load();
      onChange();
    });
  };

  return (
    <details class="stock" id="stock">
      <summary>{t('stock.title')}</summary>
      {batches && batches.length === 0 && <p>{t('stock.empty')}</p>}
      {batches && batches.length > 0 && (
        <table class="grid" data-testid="stock-table">
          <caption class="sr-only">{t('stock.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stock.col_drug')}</th>
              <th scope="col">{t('stock.col_lot')}</th>
              <th scope="col">{t('stock.col_strength')}</th>
              <th scope="col">{t('stock.col_expires')}</th>
              <th scope="col">{t('stock.col_left')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-lot={b.lot}>
                <td>{label('drug', b.drug)}</td>
                <td>{b.lot}</td>
                <td>{b.strength} {label('txunit', b.strength_unit)} · {label('stockform', b.form)}</td>
                <td>{b.expires_on}{b.expires_on < today && ` (${t('stock.expired')})`}</td>
                <td data-testid={`stock-left-${b.lot}`}>{b.remaining} / {b.received}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SectionForm id="stock-receive" title={t('stock.receive_title')} form={form} onSubmit={submit} onReload={load}
        submitLabel={t('stock.receive_submit')}>
        {done && <p role="status" data-testid="stock-last">{done}</p>}
        <div class="row">
          <SelectField id="stock-drug" label={t('stock.drug')} value={v.drug} required placeholder={t('common.choose')}
            options={drugs.map((d) => ({ value: d, label: label('drug', d) }))} onChange={(x) => form.set({ drug: x })}
            error={fieldError(errors, 'drug')} />
          <TextField id="stock-lot" label={t('stock.lot')} value={v.lot} required size="short"
            onInput={(x) => form.set({ lot: x })} error={fieldError(errors, 'lot')} />
          <TextField id="stock-expires" type="date" label={t('stock.expires_on')} value={v.expires_on} required size="short"
            onInput={(x) => form.set({ expires_on: x })} error={fieldError(errors, 'expires_on')} />
        </div>
        <div class="row">
          <TextField id="stock-strength" type="number" inputMode="decimal" step="any" min="0" label={t('stock.strength')} value={v.strength}
            required size="short" onInput={(x) => form.set({ strength: x })} error={fieldError(errors, 'strength')} />
          <SelectField id="stock-unit" label={t('stock.strength_unit')} value={v.strength_unit} required
            options={['mg', 'tablet'].map((u) => ({ value: u, label: label('txunit', u) }))}
            onChange={(x) => form.set({ strength_unit: x })} error={fieldError(errors, 'strength_unit')} />
          <SelectField id="stock-form" label={t('stock.form')} value={v.form} required
            options={forms.map((f) => ({ value: f, label: label('stockform', f) }))}
            onChange={(x) => form.set({ form: x })} error={fieldError(errors, 'form')} />
          <TextField id="stock-received" type="number" inputMode="decimal" step="0.25" min="0" label={t('stock.received')} value={v.received}
            required size="short" onInput={(x) => form.set({ received: x })} error={fieldError(errors, 'received')} />
        </div>
      </SectionForm>
    </details>
  );
}

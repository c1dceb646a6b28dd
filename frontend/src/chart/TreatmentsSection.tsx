// Treatments: each treatment the protocol names, with the dose for this applicant from the
// protocol's dose table, and what was recorded. The nurse records a dose given (from a batch of
// the site's stock), a treatment withheld (the contraindication) or refused. Nothing is shown as
// given unless a record says so.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { SectionForm } from '../components/SectionForm';
import { Checkbox, SelectField, TextField } from '../components/fields';
import { dateTime, label, lang, t } from '../i18n';
import type { Chart, MedicineBatch, TreatmentOrder, TreatmentRecord } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';
import { MedicineStock } from './MedicineStock';

const reasons = ['pregnancy', 'breastfeeding', 'age', 'weight', 'loa_loa', 'allergy', 'acute_illness', 'drug_interaction', 'other'];

export function TreatmentsSection(p: SectionProps & { editable: boolean }) {
  const orders = p.chart.treatments ?? [];
  const unrecorded = p.chart.unrecorded_treatments ?? [];
  const [stockVersion, setStockVersion] = useState(0);
  return (
    <section class="card" id="treatments" aria-labelledby="tx-h">
      <h2 id="tx-h">{t('tx.title')}</h2>
      {orders.length === 0 ? <p>{t('tx.none')}</p> : <OrderTable orders={orders} />}
      {unrecorded.length > 0 && (
        <div class="alert warn" role="note" data-testid="tx-unrecorded">
          {t('tx.unrecorded', { drugs: unrecorded.map((d) => label('drug', d)).join(', ') })}
        </div>
      )}
      {p.editable && orders.length > 0 && <TreatmentForm {...p} orders={orders} stockVersion={stockVersion} />}
      {p.editable && orders.length > 0 && <MedicineStock onChange={() => setStockVersion((n) => n + 1)} />}
    </section>
  );
}

function OrderTable({ orders }: { orders: TreatmentOrder[] }) {
  return (
    <table class="grid" data-testid="tx-orders">
      <caption class="sr-only">{t('tx.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tx.col_drug')}</th>
          <th scope="col">{t('tx.col_order')}</th>
          <th scope="col">{t('tx.col_record')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.drug} data-drug={o.drug}>
            <th scope="row">{label('drug', o.drug)}</th>
            <td>{orderText(o)}</td>
            <td>
              <strong data-testid={`tx-status-${o.drug}`}>{t(`tx.status.${o.status}` as 'tx.status.given')}</strong>
              {o.records.length > 0 && (
                <ul class="plain">
                  {o.records.map((r) => (
                    <li key={r.id}>{recordText(r)}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function orderText(o: TreatmentOrder): string {
  const reason = lang() === 'fr' && o.reason_fr ? o.reason_fr : o.reason;
  if (!o.recommended) return t('tx.rule_withheld', { reason });
  if (!o.dose) return t('tx.dose_none', { problem: o.dose_problem ?? '' });
  const schedule = lang() === 'fr' && o.dose.schedule_fr ? o.dose.schedule_fr : o.dose.schedule;
  return t('tx.dose', { amount: o.dose.amount, unit: label('txunit', o.dose.unit), schedule, basis: o.dose.basis });
}

function recordText(r: TreatmentRecord): string {
  const when = dateTime(r.at);
  switch (r.status) {
    case 'given':
      return t('tx.rec_given', { amount: r.dose_amount, unit: label('txunit', r.dose_unit), lot: r.lot, when, by: r.recorded_by,
        observed: r.observed ? t('tx.observed_yes') : t('tx.observed_no') });
    case 'withheld':
      return t('tx.rec_withheld', { reason: [label('txreason', r.reason_code), r.reason].filter(Boolean).join(': '), when, by: r.recorded_by });
    default:
      return t('tx.rec_refused', { reason: r.reason ? ': ' + r.reason : '', when, by: r.recorded_by });
  }
}

interface Values {
  drug: string;
  status: '' | 'given' | 'withheld' | 'refused';
  batch_id: string;
  dose_amount: string;
  dose_unit: string;
  quantity: string;
  at: string;
  observed: boolean;
  reason_code: string;
  reason: string;
}

/** The local date and time now, as a datetime-local input wants it. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function TreatmentForm({ chart, setChart, reload, orders, stockVersion }: SectionProps & { orders: TreatmentOrder[]; stockVersion: number }) {
  const blank: Values = { drug: '', status: '', batch_id: '', dose_amount: '', dose_unit: 'mg', quantity: '', at: '', observed: true, reason_code: '', reason: '' };
  const form = useDraftForm<Values>(`${chart.id}.treatment`, blank);
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const [batches, setBatches] = useState<MedicineBatch[]>([]);
  const [last, setLast] = useState('');
  const order = orders.find((o) => o.drug === v.drug);

  useEffect(() => {
    if (!v.drug) return setBatches([]);
    api.get<{ items: MedicineBatch[] }>('/medicines/batches?drug=' + encodeURIComponent(v.drug))
      .then((r) => setBatches(r.items), () => setBatches([]));
  }, [v.drug, stockVersion]);

  const today = chart.exam_date > new Date().toISOString().slice(0, 10) ? chart.exam_date : new Date().toISOString().slice(0, 10);
  const usable = batches.filter((b) => b.expires_on >= today && b.remaining > 0);

  const chooseDrug = (drug: string) => {
    const o = orders.find((x) => x.drug === drug);
    form.set({ drug, batch_id: '', quantity: '', dose_amount: o?.dose ? String(o.dose.amount) : '', dose_unit: o?.dose?.unit ?? 'mg',
      status: o && !o.recommended ? 'withheld' : v.status, at: v.at || localNow() });
  };
  const chooseBatch = (id: string) => {
    const b = batches.find((x) => x.id === id);
    const amount = Number(v.dose_amount);
    const patch: Partial<Values> = { batch_id: id };
    if (b && b.strength_unit === v.dose_unit && amount > 0) patch.quantity = String(Math.ceil((amount / b.strength) * 4) / 4);
    form.set(patch);
  };

  const submit = () => {
    if (!v.drug) return form.setStatus({ kind: 'invalid', message: t('tx.choose_drug') });
    if (!v.status) return form.setStatus({ kind: 'invalid', message: t('tx.choose_status') });
    const at = v.at ? new Date(v.at).toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
    const body: Record<string, unknown> = { version: chart.version, drug: v.drug, status: v.status, at, reason: v.reason.trim() };
    if (v.status === 'given') {
      Object.assign(body, { batch_id: v.batch_id, dose_amount: Number(v.dose_amount), dose_unit: v.dose_unit, route: 'oral',
        quantity: Number(v.quantity), observed: v.observed });
    }
    if (v.status === 'withheld') body.reason_code = v.reason_code;
    const saved = { drug: v.drug, status: v.status };
    void form.submit(async () => {
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/treatments`, body,
        { idempotencyKey: `${chart.id}-treatment-${chart.version}` }));
    }).then((ok) => {
      if (!ok) return;
      setLast(t('tx.last', { drug: label('drug', saved.drug), status: t(`tx.status.${saved.status}` as 'tx.status.given') }));
      form.set(blank);
    });
  };

  return (
    <SectionForm id="tx-record" title={t('tx.record_title')} form={form} onSubmit={submit} onReload={reload} submitLabel={t('tx.record_submit')}>
      {last && <p role="status" data-testid="tx-last">{last}</p>}
      <div class="row">
        <SelectField id="tx-drug" label={t('tx.drug')} value={v.drug} required placeholder={t('common.choose')}
          options={orders.map((o) => ({ value: o.drug, label: label('drug', o.drug) }))}
          onChange={chooseDrug} error={fieldError(errors, 'drug')} />
        <SelectField id="tx-status" label={t('tx.status')} value={v.status} required placeholder={t('common.choose')}
          options={(order && !order.recommended ? ['withheld', 'refused'] : ['given', 'withheld', 'refused'])
            .map((s) => ({ value: s, label: t(`tx.${s}` as 'tx.given') }))}
          onChange={(x) => form.set({ status: x as Values['status'] })} error={fieldError(errors, 'status')} />
        <TextField id="tx-at" type="datetime-local" label={t('tx.at')} value={v.at} required size="short"
          onInput={(x) => form.set({ at: x })} error={fieldError(errors, 'at')} />
      </div>
      {v.status === 'given' && (
        <>
          <div class="row">
            <SelectField id="tx-batch" label={t('tx.batch')} value={v.batch_id} required placeholder={t('common.choose')}
              hint={usable.length === 0 ? t('tx.no_batch') : undefined}
              options={batches.map((b) => ({ value: b.id, label: b.expires_on < today
                ? t('tx.batch_expired', { lot: b.lot, expires: b.expires_on })
                : t('tx.batch_option', { lot: b.lot, strength: b.strength, unit: label('txunit', b.strength_unit), expires: b.expires_on, remaining: b.remaining }) }))}
              onChange={chooseBatch} error={fieldError(errors, 'batch_id')} />
          </div>
          <div class="row">
            <TextField id="tx-dose" type="number" inputMode="decimal" step="any" min="0" label={t('tx.dose_amount')} value={v.dose_amount}
              required size="short" onInput={(x) => form.set({ dose_amount: x })} error={fieldError(errors, 'dose_amount')} />
            <SelectField id="tx-unit" label={t('tx.dose_unit')} value={v.dose_unit} required
              options={['mg', 'tablet'].map((u) => ({ value: u, label: label('txunit', u) }))}
              onChange={(x) => form.set({ dose_unit: x })} error={fieldError(errors, 'dose_unit')} />
            <TextField id="tx-quantity" type="number" inputMode="decimal" step="0.25" min="0" label={t('tx.quantity')} value={v.quantity}
              required size="short" onInput={(x) => form.set({ quantity: x })} error={fieldError(errors, 'quantity')} />
          </div>
          <Checkbox id="tx-observed" label={t('tx.observed')} checked={v.observed} onChange={(x) => form.set({ observed: x })} />
        </>
      )}
      {v.status === 'withheld' && (
        <SelectField id="tx-reason-code" label={t('tx.reason_code')} value={v.reason_code} required placeholder={t('common.choose')}
          options={reasons.map((r) => ({ value: r, label: label('txreason', r) }))}
          onChange={(x) => form.set({ reason_code: x })} error={fieldError(errors, 'reason_code')} />
      )}
      {v.status !== '' && v.status !== 'given' && (
        <TextField id="tx-reason" label={t('tx.reason')} value={v.reason} required={v.reason_code === 'other'} size="wide"
          onInput={(x) => form.set({ reason: x })} error={fieldError(errors, 'reason')} />
      )}
    </SectionForm>
  );
}

// Every dose on record with where it came from, and "Mark entered in error" with a reason. A
// wrong entry is never deleted: it leaves the evaluation and stays on record, struck through.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { fieldError } from '../components/Problem';
import { TextField } from '../components/fields';
import { dateTime, label, t } from '../i18n';
import type { Chart, Dose } from '../types';
import { useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';
import { origin } from './DoseGrid';
import { RowStatus } from './ResultEntry';

export function DoseRecords(p: SectionProps & { editable: boolean }) {
  const doses = p.chart.vaccination?.doses ?? [];
  const [open, setOpen] = useState<string | null>(null);
  if (doses.length === 0) return null;
  return (
    <details class="vx-records" open={p.editable}>
      <summary>{t('vx.records', { n: doses.length })}</summary>
      <table class="grid" data-testid="vx-records">
        <thead>
          <tr>
            <th scope="col">{t('vx.date')}</th>
            <th scope="col">{t('vx.vaccine')}</th>
            <th scope="col">{t('vx.origin')}</th>
            <th scope="col">{t('vx.details')}</th>
            <th scope="col">{t('vx.recorded')}</th>
            {p.editable && <th scope="col"><span class="sr-only">{t('forms.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {doses.map((d) => (
            <Fragment key={d.id}>
              <tr data-dose={d.id} class={d.entered_in_error ? 'struck' : ''}>
                <td class="nowrap">{d.entered_in_error ? <del>{d.date}</del> : d.date}</td>
                <td>
                  {d.entered_in_error ? <del>{d.cvx} · {d.vaccine}</del> : `${d.cvx} · ${d.vaccine}`}
                  {d.entered_in_error && (
                    <div class="hint">{t('vx.in_error')}: {d.entered_in_error.reason}</div>
                  )}
                </td>
                <td>{origin(d)}</td>
                <td class="hint">{details(d)}</td>
                <td class="hint">
                  {d.recorded_by}
                  <div>{dateTime(d.recorded_at)}</div>
                </td>
                {p.editable && (
                  <td>
                    {!d.entered_in_error && open !== d.id && (
                      <button type="button" class="secondary small" onClick={() => setOpen(d.id)}
                        aria-label={t('vx.mark_error_of', { date: d.date, vaccine: d.vaccine || d.cvx })}>
                        {t('vx.mark_error')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
              {p.editable && open === d.id && (
                <tr>
                  <td colSpan={6}>
                    <ErrorForm {...p} dose={d} onDone={() => setOpen(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function details(d: Dose): string {
  const bits = [
    d.mvx || d.manufacturer ? [d.mvx, d.manufacturer].filter(Boolean).join(' ') : '',
    d.lot ? t('vx.lot_value', { lot: d.lot }) : '',
    d.route ? label('vxroute', d.route) : '',
    d.site ? label('vxsite', d.site) : '',
  ];
  return bits.filter(Boolean).join(' · ') || '—';
}

function ErrorForm({ chart, setChart, reload, dose, onDone }: SectionProps & { dose: Dose; onDone: () => void }) {
  const form = useDraftForm<{ reason: string }>(`${chart.id}.vxerror.${dose.id}`, { reason: '' });
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  const id = `vx-err-${dose.id}`;
  useEffect(() => document.getElementById(id)?.focus(), [id]);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!form.values.reason.trim()) {
      form.setStatus({ kind: 'invalid', message: t('vx.error_reason_required') });
      return;
    }
    const ok = await form.submit(async (v) => {
      setChart(await api.post<Chart>(
        `/assessments/${encodeURIComponent(chart.id)}/vaccinations/${encodeURIComponent(dose.id)}/error`,
        { version: chart.version, reason: v.reason.trim() },
      ));
    });
    if (ok) onDone();
  };
  return (
    <form class="vx-error-form" onSubmit={save} noValidate data-testid="vx-error-form">
      <p>{t('vx.mark_error_explain', { date: dose.date, vaccine: dose.vaccine || dose.cvx })}</p>
      <div class="row">
        <TextField id={id} label={t('vx.error_reason')} value={form.values.reason} size="wide" required
          onInput={(x) => form.set({ reason: x })} error={fieldError(errors, 'reason')} />
        <div class="field">
          <button type="submit" disabled={form.status.kind === 'saving'}>{t('vx.mark_error_confirm')}</button>
        </div>
        <div class="field">
          <button type="button" class="secondary" onClick={() => { form.discard(); onDone(); }}>{t('common.cancel')}</button>
        </div>
      </div>
      <RowStatus form={form} reload={reload} />
    </form>
  );
}

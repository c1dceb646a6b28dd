// Result entry for the lab (every required lab step) and radiology (the chest X-ray reading).
// One small form per result, each with its own draft, so a half-typed value is never lost.
import { api } from '../api';
import { Problem } from '../components/Problem';
import { TextField } from '../components/fields';
import { label, t } from '../i18n';
import type { Chart } from '../types';
import { type DraftForm, useDraftForm } from '../useDraftForm';
import type { SectionProps } from './ChartPage';
import { type Entry, entriesFor, formatResult, latestResult, treatedEntry } from './resultSpecs';

export function ResultEntry(p: SectionProps & { kind: 'lab' | 'radiology' }) {
  const { chart } = p;
  const required = chart.plan.required.map((r) => r.step);
  const pending = new Set(chart.plan.pending);
  const list = entriesFor(required, p.kind).sort((a, b) => Number(pending.has(b.for)) - Number(pending.has(a.for)));
  const id = p.kind === 'lab' ? 'lab' : 'cxr';
  return (
    <section class="card" id={id} aria-labelledby={id + '-h'}>
      <h2 id={id + '-h'}>{p.kind === 'lab' ? t('lab.title') : t('cxr.title')}</h2>
      {list.length === 0 && <p>{t('lab.none_required')}</p>}
      {list.map((e) => (
        <ResultRow key={e.step} entry={e} pending={pending.has(e.for)} {...p} />
      ))}
    </section>
  );
}

/**
 * Whether a reactive syphilis result was treated (nurse or physician): the US protocol reads it
 * to tell untreated syphilis (Class A) from treated (Class B).
 */
export function SyphilisTreated(p: SectionProps) {
  const recorded = latestResult(p.chart, treatedEntry.step);
  return (
    <section class="card" id="syphilis-treated" aria-labelledby="syph-h">
      <h2 id="syph-h">{t('syph.title')}</h2>
      <p class="hint">{t('syph.explain')}</p>
      <ResultRow entry={treatedEntry} pending={!recorded} {...p} />
    </section>
  );
}

interface RowValues {
  value: string;
  series: string[];
}

function ResultRow({ entry, pending, chart, setChart, reload }: SectionProps & { entry: Entry; pending: boolean }) {
  const spec = entry.spec;
  const count = spec.kind === 'series' ? spec.count : 0;
  const recorded = latestResult(chart, entry.step);
  const server: RowValues = { value: '', series: Array.from({ length: count }, () => '') };
  if (recorded && !Array.isArray(recorded.value) && recorded.step === entry.step) server.value = String(recorded.value);
  if (recorded && Array.isArray(recorded.value)) recorded.value.forEach((x, i) => i < count && (server.series[i] = String(x)));
  const form = useDraftForm<RowValues>(`${chart.id}.result.${entry.step}`, server);
  const v = form.values;
  const base = `res-${entry.step}`;
  const stepName = entry.step === 'egfr' ? t('step.egfr') : label('step', entry.step);

  const save = (e: Event) => {
    e.preventDefault();
    const value = valueOf(entry, v);
    if (value === null) {
      form.setStatus({ kind: 'invalid', message: t('lab.enter_value', { step: stepName }) });
      return;
    }
    void form.submit(async () => {
      // The server sets the unit from the step; the body has only what it reads.
      const body = { version: chart.version, step: entry.step, value };
      setChart(await api.post<Chart>(`/assessments/${encodeURIComponent(chart.id)}/results`, body, {
        idempotencyKey: `${chart.id}-${entry.step}-${chart.version}`,
      }));
    });
  };

  return (
    <form class={'result-row' + (pending ? ' pending' : '')} data-step={entry.step} onSubmit={save} noValidate>
      <div class="result-name">
        <strong>{stepName}</strong>{' '}
        <span class={'badge ' + (pending ? 'warn' : 'ok')}>{pending ? t('plan.pending') : t('plan.done')}</span>
        {recorded && <div class="hint">{t('lab.recorded', { value: formatResult(recorded), by: recorded.recorded_by })}</div>}
      </div>
      <div class="result-inputs">
        {spec.kind === 'choice' && (
          <span class="field">
            <label for={base}>{entry.step === treatedEntry.step ? t('syph.question') : t('lab.result_of', { step: stepName })}</label>
            <select id={base} value={v.value} onChange={(e) => form.set({ value: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">{t('common.choose')}</option>
              {spec.options.map((o) => (
                <option key={o} value={o}>{label('val', o)}</option>
              ))}
            </select>
          </span>
        )}
        {spec.kind === 'number' && (
          <TextField id={base} type="number" inputMode="decimal" size="short" label={t('lab.value_in', { step: stepName, unit: spec.unit })}
            min={String(spec.min)} max={String(spec.max)} step={spec.step} value={v.value} onInput={(x) => form.set({ value: x })} />
        )}
        {spec.kind === 'series' &&
          v.series.map((x, i) => (
            <span class="field short" key={i}>
              <label for={`${base}-${i}`}>{t('lab.specimen_n', { step: stepName, n: i + 1 })}</label>
              <select id={`${base}-${i}`} value={x}
                onChange={(e) => form.set({ series: v.series.map((y, j) => (j === i ? (e.currentTarget as HTMLSelectElement).value : y)) })}>
                <option value="">{t('lab.not_yet')}</option>
                {spec.options.map((o) => (
                  <option key={o} value={o}>{label('val', o)}</option>
                ))}
              </select>
            </span>
          ))}
        <button type="submit" disabled={form.status.kind === 'saving'}>
          {form.status.kind === 'saving' ? t('common.saving') : t('lab.save')}
        </button>
        <span role="status" aria-live="polite" class="saved">
          {form.status.kind === 'saved' && !form.dirty ? t('common.saved') : ''}
        </span>
      </div>
      <RowStatus form={form} reload={reload} />
    </form>
  );
}

/** The value to send, or null when nothing usable was entered. */
function valueOf(entry: Entry, v: RowValues): unknown {
  const spec = entry.spec;
  if (spec.kind === 'choice') return v.value || null;
  if (spec.kind === 'number') {
    const n = Number(v.value);
    return v.value.trim() === '' || !Number.isFinite(n) || n < spec.min || n > spec.max ? null : n;
  }
  // Specimens are sent in order, up to the first one not yet in.
  const firstGap = v.series.indexOf('');
  const filled = firstGap === -1 ? v.series : v.series.slice(0, firstGap);
  return filled.length ? filled : null;
}

export function RowStatus<T>({ form, reload }: { form: DraftForm<T>; reload: () => Promise<boolean> }) {
  const st = form.status;
  if (st.kind === 'conflict') {
    return (
      <div class="alert warn" role="alert" data-testid="conflict">
        <strong>{t('conflict.title')}</strong> {t('conflict.body')}{' '}
        <button type="button" onClick={() => void reload().then((ok) => ok && form.setStatus({ kind: 'reloaded', clashes: [] }))}>
          {t('conflict.reload')}
        </button>
      </div>
    );
  }
  if (st.kind === 'reloaded') return <div class="alert info" role="status">{t('conflict.reloaded')}</div>;
  if (st.kind === 'error') return <Problem error={st.error} />;
  if (st.kind === 'invalid') return <div class="alert error" role="alert">{st.message}</div>;
  return null;
}

// The lab: open orders oldest first (photo, why each is there), collection with barcode labels,
// and the scan box. The fast path is the keyboard: scan the label (the scanner types the
// accession and Enter), type each value, Enter records it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { StationIdentity } from '../components/StationIdentity';
import { dateTime, label, t } from '../i18n';
import { useUser } from '../session';
import type { LabCatalog, LabResult, LabWorkItem, Specimen } from '../types';
import { useTitle } from '../useTitle';

export function Lab() {
  const user = useUser();
  useTitle(t('labw.title'));
  const [items, setItems] = useState<LabWorkItem[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [catalog, setCatalog] = useState<LabCatalog | null>(null);
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const [collected, setCollected] = useState<Specimen[]>([]);
  const [early, setEarly] = useState(false);
  const [observed, setObserved] = useState(false);
  const zone = user.site?.timezone;

  const load = async () => {
    try {
      const r = await api.get<ListPage<LabWorkItem>>('/lab/worklist?limit=200');
      setItems(r.items);
      setNext(r.next);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
    api.get<LabCatalog>('/lab/catalog').then(setCatalog).catch((e) => setError(e as ApiError));
  }, []);

  const collect = async (assessmentID: string) => {
    const ids = (items ?? []).filter((i) => i.assessment_id === assessmentID && picked[i.order.id]).map((i) => i.order.id);
    try {
      const r = await api.post<ListPage<Specimen>>(`/assessments/${encodeURIComponent(assessmentID)}/specimens`, {
        order_ids: ids, early_morning: early, observed,
      });
      setCollected(r.items);
      setPicked({});
      setError(null);
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  // One group per person, in the order of their oldest open order; those the nurse has seen
  // (specimens can be taken now) first, then those still waiting for the nurse, each saying so.
  const people: { id: string; rows: LabWorkItem[] }[] = [];
  for (const it of items ?? []) {
    const g = people.find((p) => p.id === it.assessment_id);
    if (g) g.rows.push(it);
    else people.push({ id: it.assessment_id, rows: [it] });
  }
  people.sort((a, b) => Number(a.rows[0].with_nurse) - Number(b.rows[0].with_nurse));
  const canCollect = user.role === 'lab' || user.role === 'nurse';
  const labelsHref = '/api/specimens/labels.pdf?' + collected.map((s) => 'accession=' + encodeURIComponent(s.accession)).join('&');

  return (
    <section aria-labelledby="lab-h">
      <div class="bar">
        <h1 id="lab-h">{t('labw.title')}</h1>
      </div>
      {error && <Problem error={error} />}
      {user.role === 'lab' && catalog && <ScanBox catalog={catalog} onDone={load} />}
      {collected.length > 0 && (
        <div class="alert ok" role="status" data-testid="collected">
          {t('labw.collected', { list: collected.map((s) => s.accession).join(', ') })}{' '}
          <a href={labelsHref} target="_blank" rel="noopener" data-testid="labels">{t('labw.print_labels')}</a>
        </div>
      )}
      {items && people.length === 0 && <p>{t('labw.empty')}</p>}
      {people.map((p) => {
        const first = p.rows[0];
        const sputum = p.rows.some((r) => r.order.specimen === 'sputum' && picked[r.order.id]);
        return (
          <section class="card" key={p.id} aria-label={first.name} data-testid="lab-person">
            <div class="bar">
              {first.has_photo ? (
                <img class="photo-thumb" src={`/api/applicants/${encodeURIComponent(first.applicant_id)}/photo`} alt={t('labw.photo_of', { name: first.name })} width={60} />
              ) : (
                <span class="hint">{t('labw.no_photo')}</span>
              )}
              <h2>{first.name}</h2>
              <span>{t('labw.born', { date: first.birth_date })}{first.birth_date_estimated ? ' ' + t('chart.estimated') : ''}</span>
              {first.with_nurse ? (
                <span class="badge warn" data-testid="lab-why">{t('labw.with_nurse')}</span>
              ) : (
                <span class="badge ok" data-testid="lab-why">{t('labw.ready_now')}</span>
              )}
            </div>
            {canCollect && collectStations(p.rows).map((st) => <StationIdentity key={st} assessmentId={p.id} station={st} />)}
            {first.with_nurse && <p class="hint">{t('labw.with_nurse_long')}</p>}
            <table class="grid">
              <caption class="sr-only">{t('labw.orders_of', { name: first.name })}</caption>
              <thead>
                <tr>
                  {canCollect && <th scope="col">{t('labw.pick')}</th>}
                  <th scope="col">{t('labw.test')}</th>
                  <th scope="col">{t('labw.why')}</th>
                  <th scope="col">{t('labw.status')}</th>
                  <th scope="col">{t('labw.specimens')}</th>
                  <th scope="col">{t('labw.due')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((it) => (
                  <tr key={it.order.id} data-step={it.order.step}>
                    {canCollect && (
                      <td>
                        {it.order.status === 'open' && (
                          <input type="checkbox" aria-label={t('labw.pick_order', { test: label('step', it.order.step, it.order.step_label) })}
                            checked={!!picked[it.order.id]}
                            onChange={(e) => setPicked({ ...picked, [it.order.id]: (e.currentTarget as HTMLInputElement).checked })} />
                        )}
                      </td>
                    )}
                    <td>{label('step', it.order.step, it.order.step_label)}</td>
                    <td>
                      {it.order.reason} <span class="hint">({it.order.rule}; {it.order.source.doc}{it.order.source.section ? ', ' + it.order.source.section : ''})</span>
                      <div class="hint">{t('labw.ordered', { when: dateTime(it.order.ordered_at, zone), by: it.order.ordered_by })}</div>
                    </td>
                    <td>{label('labw.st', it.order.status)}</td>
                    <td>
                      {it.specimens.map((s) => (
                        <div key={s.id}>
                          <code>{s.accession}</code> {label('labw.sp', s.status)}
                          {s.reject_reason && ' — ' + label('labw.reject', s.reject_reason)}
                        </div>
                      ))}
                    </td>
                    <td>
                      {it.reading_from && t('labw.reading_due', { from: dateTime(it.reading_from, zone), until: dateTime(it.reading_until!, zone) })}
                      {it.expected_by && (
                        <span class={it.overdue ? 'badge warn' : ''}>
                          {t(it.overdue ? 'labw.overdue' : 'labw.expected', { date: it.expected_by.slice(0, 10) })}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canCollect && p.rows.some((r) => picked[r.order.id]) && (
              <div class="actions">
                {sputum && (
                  <>
                    <label class="inline"><input type="checkbox" checked={observed} onChange={(e) => setObserved((e.currentTarget as HTMLInputElement).checked)} /> {t('labw.observed')}</label>
                    <label class="inline"><input type="checkbox" checked={early} onChange={(e) => setEarly((e.currentTarget as HTMLInputElement).checked)} /> {t('labw.early_morning')}</label>
                  </>
                )}
                <button type="button" onClick={() => collect(p.id)}>{t('labw.collect')}</button>
              </div>
            )}
          </section>
        );
      })}
      {next && <p class="hint">{t('labw.more')}</p>}
    </section>
  );
}

/** The identity-check stations of a person's open orders: sputum collection, and specimen
 * collection for blood and urine (the server checks the same ones when the specimens are saved). */
function collectStations(rows: LabWorkItem[]): string[] {
  const open = rows.filter((r) => r.order.status === 'open');
  const out: string[] = [];
  if (open.some((r) => r.order.specimen !== 'sputum')) out.push('specimen');
  if (open.some((r) => r.order.specimen === 'sputum')) out.push('sputum');
  return out;
}

/** The scan box: receive a specimen, reject it, or enter its result, by its accession. */
function ScanBox({ catalog, onDone }: { catalog: LabCatalog; onDone: () => void }) {
  const [accession, setAccession] = useState('');
  const [specimen, setSpecimen] = useState<Specimen | null>(null);
  const [test, setTest] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('haemolysed');
  const [done, setDone] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const firstRef = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  useEffect(() => scanRef.current?.focus(), []);
  useEffect(() => firstRef.current?.focus(), [specimen, test]);

  const reset = (msg: string) => {
    setDone(msg);
    setSpecimen(null);
    setValues({});
    setAccession('');
    setError(null);
    scanRef.current?.focus();
    onDone();
  };
  const scan = async (e: Event) => {
    e.preventDefault();
    try {
      const sp = await api.get<Specimen>('/specimens/' + encodeURIComponent(accession.trim()));
      setSpecimen(sp);
      setTest(sp.tests.length === 1 ? sp.tests[0] : '');
      setDone('');
      setError(null);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const act = async (fn: () => Promise<unknown>, msg: string) => {
    try {
      await fn();
      reset(msg);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const path = specimen ? '/specimens/' + encodeURIComponent(specimen.accession) : '';
  const lt = catalog.tests.find((x) => x.code === test);
  const result = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api.post<LabResult>(path + '/results', { test, values });
      reset(t('labw.recorded', { accession: r.accession, flag: label('labw.flag', r.flag) }));
    } catch (err) {
      setError(err as ApiError);
    }
  };

  return (
    <section class="card" aria-labelledby="scan-h">
      <h2 id="scan-h">{t('labw.scan_title')}</h2>
      <form onSubmit={scan} class="bar">
        <label for="scan">{t('labw.scan')}</label>
        <input id="scan" ref={scanRef} value={accession} autoComplete="off" data-testid="scan"
          onInput={(e) => setAccession((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit">{t('labw.find')}</button>
      </form>
      {done && <p class="alert ok" role="status" data-testid="scan-done">{done}</p>}
      {error && <Problem error={error} />}
      {specimen && (
        <div data-testid="specimen">
          <p>
            <code>{specimen.accession}</code> · {label('labw.type', specimen.type)} · {label('labw.sp', specimen.status)}
          </p>
          {specimen.status === 'collected' && specimen.type !== 'skin' && (
            <div class="actions">
              <button type="button" onClick={() => act(() => api.post(path + '/receive'), t('labw.received', { accession: specimen.accession }))}>
                {t('labw.receive')}
              </button>
              <label class="inline" for="rej">{t('labw.reject_reason')}</label>
              <select id="rej" value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value)}>
                {['haemolysed', 'unlabelled', 'insufficient', 'leaking'].map((r) => <option key={r} value={r}>{label('labw.reject', r)}</option>)}
              </select>
              <button type="button" onClick={() => act(() => api.post(path + '/reject', { reason }), t('labw.rejected', { accession: specimen.accession }))}>
                {t('labw.reject_button')}
              </button>
            </div>
          )}
          {specimen.received_at && specimen.status !== 'rejected' && (
            <form onSubmit={result} onKeyDown={(e) => {
              // The fast path: Enter on a coded answer records the result as on a number field.
              if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'SELECT') {
                e.preventDefault();
                (e.currentTarget as HTMLFormElement).requestSubmit();
              }
            }}>
              {specimen.tests.length > 1 && (
                <p>
                  <label for="lab-test">{t('labw.test')}</label>{' '}
                  <select id="lab-test" value={test} ref={(el) => { if (!test) firstRef.current = el; }}
                    onChange={(e) => { setTest((e.currentTarget as HTMLSelectElement).value); setValues({}); }}>
                    <option value="">—</option>
                    {specimen.tests.map((c) => <option key={c} value={c}>{catalog.tests.find((x) => x.code === c)?.name ?? c}</option>)}
                  </select>
                </p>
              )}
              {lt?.components.filter((c) => !c.computed).map((c, i) => (
                <p key={c.code}>
                  <label for={'v-' + c.code}>{c.name}{c.unit ? ` (${c.unit})` : ''}{c.optional ? ' ' + t('labw.optional') : ''}</label>{' '}
                  {c.choices.length > 0 ? (
                    <select id={'v-' + c.code} value={values[c.code] ?? ''} ref={(el) => { if (i === 0) firstRef.current = el; }}
                      onChange={(e) => setValues({ ...values, [c.code]: (e.currentTarget as HTMLSelectElement).value })}>
                      <option value="">—</option>
                      {c.choices.map((v) => <option key={v} value={v}>{label('labw.value', v)}</option>)}
                    </select>
                  ) : (
                    <input id={'v-' + c.code} inputMode="decimal" value={values[c.code] ?? ''} ref={(el) => { if (i === 0) firstRef.current = el; }}
                      onInput={(e) => setValues({ ...values, [c.code]: (e.currentTarget as HTMLInputElement).value })} />
                  )}
                </p>
              ))}
              {lt && <button type="submit">{t('labw.record')}</button>}
            </form>
          )}
        </div>
      )}
    </section>
  );
}

// The caseworker's board: per case and flight, is each person fit to travel, and if not, what is
// missing and by when. Plain words only; no clinical detail comes to this page.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { FlightForm } from '../components/FlightForm';
import { Problem } from '../components/Problem';
import { TextField } from '../components/fields';
import { hasKey, label, t } from '../i18n';
import { navigate, queryParam } from '../router';
import type { BoardCase, BoardMember, Case } from '../types';
import { useTitle } from '../useTitle';

const REFRESH_MS = 30_000;

export function Board() {
  useTitle(t('board.title'));
  const [q, setQ] = useState(queryParam('q'));
  const [flight, setFlight] = useState(queryParam('flight'));
  const [applied, setApplied] = useState({ q: queryParam('q'), flight: queryParam('flight') });
  const [cases, setCases] = useState<BoardCase[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<string>('');

  const load = async () => {
    try {
      const r = await api.get<ListPage<BoardCase>>('/board' + query({ q: applied.q.trim(), flight: applied.flight.trim().toUpperCase() }));
      setCases(r.items);
      setMore(!!r.next);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => !document.hidden && void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [applied.q, applied.flight]);

  return (
    <section aria-labelledby="board-h">
      <h1 id="board-h">{t('board.title')}</h1>
      <form class="row" role="search" onSubmit={(e) => {
        e.preventDefault();
        navigate('/board' + query({ q: q.trim(), flight: flight.trim().toUpperCase() }), true);
        setApplied({ q, flight });
      }}>
        <TextField id="board-q" type="search" label={t('board.search')} value={q} onInput={setQ} />
        <TextField id="board-flight" label={t('board.flight')} value={flight} onInput={setFlight} size="short" />
        <div class="field">
          <button type="submit">{t('board.filter')}</button>
        </div>
      </form>
      <Problem error={error} />
      {cases && cases.length === 0 && <p>{t('board.none')}</p>}
      {more && <p class="hint" role="status">{t('board.more')}</p>}
      {cases && cases.length > 0 && (
        <table class="grid board" data-testid="board">
          <thead>
            <tr>
              <th scope="col">{t('col.case')}</th>
              <th scope="col">{t('col.flight')}</th>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('board.status')}</th>
              <th scope="col">{t('board.missing')}</th>
              <th scope="col">{t('board.by')}</th>
              <th scope="col">{t('board.valid_until')}</th>
            </tr>
          </thead>
          {cases.map((c) => (
            <tbody key={c.id} data-case={c.case_number}>
              {c.members.map((m, i) => (
                <tr key={m.applicant_id} data-applicant={m.applicant_id}>
                  {i === 0 && (
                    <>
                      <th scope="rowgroup" rowSpan={c.members.length}>
                        {c.case_number}
                        <div class="hint">{label('dest', c.destination)}</div>
                      </th>
                      <td rowSpan={c.members.length}>
                        {c.flight ? `${c.flight.number} · ${c.flight.departure_date}` : t('board.no_flight')}
                        <div>
                          <button type="button" class="link" aria-expanded={editing === c.id}
                            onClick={() => setEditing(editing === c.id ? '' : c.id)}>
                            {c.flight ? t('board.change_flight') : t('board.set_flight')}
                          </button>
                        </div>
                      </td>
                    </>
                  )}
                  <MemberCells m={m} />
                </tr>
              ))}
              {editing === c.id && (
                <tr>
                  <td colSpan={7}>
                    <CaseFlight id={c.id} onSaved={() => { setEditing(''); void load(); }} />
                  </td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}

function MemberCells({ m }: { m: BoardMember }) {
  const tone = m.status === 'fit_to_travel' ? 'ok' : m.status === 'not_fit' || m.status === 'on_hold' || m.status === 'expired' ? 'bad' : 'warn';
  return (
    <>
      <td>{m.name}</td>
      <td>
        <span class={'badge ' + tone} data-testid="member-status">{label('status', m.status, m.status_label)}</span>
      </td>
      <td>
        {(m.missing ?? []).map((x, i) => label('board.missing', x, m.missing_labels?.[i])).join(', ') || ((m.holds ?? []).length ? '' : '—')}
        {(m.holds ?? []).map((h, i) => (
          <div key={h.code + i} class="hint" data-testid="hold" data-code={h.code}>
            {holdText(h)}
          </div>
        ))}
      </td>
      <td>{m.by ?? '—'}</td>
      <td>{m.valid_until ?? '—'}</td>
    </>
  );
}

/** A hold on travel in neutral words (the server never names the step or check), and by when. */
function holdText(h: NonNullable<BoardMember['holds']>[number]): string {
  const key = 'board.hold.' + h.code;
  if (h.earliest && hasKey(key + '_date')) return t((key + '_date') as Parameters<typeof t>[0], { date: h.earliest });
  return label('board.hold', h.code, h.label);
}

function CaseFlight({ id, onSaved }: { id: string; onSaved: () => void }) {
  const [c, setCase] = useState<Case | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = async () => {
    try {
      setCase(await api.get<Case>('/cases/' + encodeURIComponent(id)));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, [id]);
  if (!c) return error ? <Problem error={error} /> : <p role="status">{t('common.loading')}</p>;
  return <FlightForm c={c} onSaved={onSaved} onReload={load} />;
}

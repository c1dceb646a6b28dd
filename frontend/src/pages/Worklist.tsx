// A station's worklist, built for the keyboard: j/k or arrows move, Enter opens, / searches.
// It refreshes every 15 s; rows are keyed by assessment so focus and selection survive.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, label, t } from '../i18n';
import { Link, navigate } from '../router';
import { stationsByRole, useUser } from '../session';
import type { WorkItem } from '../types';
import { waitingFor } from '../words';
import { useTitle } from '../useTitle';

const REFRESH_MS = 15_000;

export function Worklist({ station }: { station: string }) {
  const user = useUser();
  const title = label('station', station);
  useTitle(title);
  const [items, setItems] = useState<WorkItem[] | null>(null);
  // The list comes in pages (oldest first); "show more" follows next, and each refresh reloads
  // as many pages as are shown, so a refresh never shortens the list under the user.
  const [next, setNext] = useState('');
  const [more, setMore] = useState(false);
  const pagesRef = useRef(1);
  const [error, setError] = useState<ApiError | null>(null);
  const [updated, setUpdated] = useState<string>('');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string>('');
  const filterRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const allowed = (stationsByRole[user.role] ?? []).includes(station);

  useEffect(() => {
    if (!allowed) return;
    let stop = false;
    let loaded = false;
    const load = async () => {
      // A hidden tab need not poll; the first load always runs.
      if (document.hidden && loaded) return;
      try {
        let r = await api.get<ListPage<WorkItem>>('/worklist' + query({ station }));
        const all = [...r.items];
        for (let p = 1; p < pagesRef.current && r.next; p++) {
          r = await api.get<ListPage<WorkItem>>('/worklist' + query({ station, cursor: r.next }));
          all.push(...r.items);
        }
        if (stop) return;
        setItems(all);
        setNext(r.next ?? '');
        loaded = true;
        setUpdated(new Date().toISOString());
        setError(null);
      } catch (e) {
        if (!stop) setError(e as ApiError);
      }
    };
    pagesRef.current = 1;
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [station, allowed]);

  const showMore = async () => {
    if (!next || more) return;
    setMore(true);
    try {
      const r = await api.get<ListPage<WorkItem>>('/worklist' + query({ station, cursor: next }));
      pagesRef.current++;
      setItems((old) => {
        const have = new Set((old ?? []).map((i) => i.assessment_id));
        return [...(old ?? []), ...r.items.filter((i) => !have.has(i.assessment_id))];
      });
      setNext(r.next ?? '');
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setMore(false);
    }
  };

  const f = filter.trim().toLowerCase();
  const shown = (items ?? []).filter(
    (i) => !f || i.name.toLowerCase().includes(f) || i.case_number.toLowerCase().includes(f),
  );
  // Keep a valid selection when the list changes under it.
  const selIndex = Math.max(0, shown.findIndex((i) => i.assessment_id === selected));
  const current = shown[selIndex];

  // Keys work on the rows as rendered (the DOM), so a refresh or a filter just typed never
  // leaves them pointing at a row that is gone.
  const selectedRef = useRef('');
  selectedRef.current = current?.assessment_id ?? '';
  const move = (delta: number) => {
    const rows = Array.from(bodyRef.current?.querySelectorAll<HTMLElement>('tr[data-id]') ?? []);
    if (!rows.length) return;
    const at = rows.findIndex((r) => r.dataset.id === selectedRef.current);
    const row = rows[at < 0 ? 0 : Math.min(Math.max(at + delta, 0), rows.length - 1)];
    setSelected(row.dataset.id ?? '');
    row.focus();
  };
  const open = (id: string) => navigate(`/chart/${encodeURIComponent(id)}?from=${station}`);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        filterRef.current?.focus();
        return;
      }
      if (typing) {
        // From the search box, go to the list once the filter just typed has been applied.
        if (target === filterRef.current && (e.key === 'ArrowDown' || e.key === 'Escape')) {
          e.preventDefault();
          setTimeout(() => move(0), 0);
        } else if (target === filterRef.current && e.key === 'Enter') {
          // Enter in the search box opens the selected (or first) match.
          e.preventDefault();
          setTimeout(() => {
            move(0);
            const id = (document.activeElement as HTMLElement | null)?.dataset?.id;
            if (id) open(id);
          }, 0);
        }
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const inList = !!target.closest('tbody');
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        move(inList ? 1 : 0);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        move(inList ? -1 : 0);
      } else if (e.key === 'Enter' && inList) {
        const id = (target.closest('tr[data-id]') as HTMLElement | null)?.dataset.id;
        if (id) {
          e.preventDefault();
          open(id);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [station]);

  if (!allowed) return <p class="alert warn">{t('err.not_for_role')}</p>;

  return (
    <section aria-labelledby="wl-h">
      <div class="bar">
        <h1 id="wl-h">{title}</h1>
        <label class="inline" for="wl-filter">{t('worklist.filter')}</label>
        <input id="wl-filter" ref={filterRef} type="search" value={filter} autoComplete="off"
          aria-keyshortcuts="/" onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        <span class="hint">{t('worklist.keys')}</span>
        <span class="spacer" />
        <span class="hint" role="status" aria-live="off">
          {updated && t('worklist.updated', { when: dateTime(updated, user.site?.timezone) })}
        </span>
      </div>
      {error && items && <div class="alert warn" role="status">{t('worklist.stale')}</div>}
      {error && !items && <Problem error={error} />}
      {items && shown.length === 0 && <p>{f ? t('worklist.no_match') : t('worklist.empty')}</p>}
      {shown.length > 0 && (
        <table class="grid worklist">
          <caption class="sr-only">{t('worklist.caption', { station: title, n: shown.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('col.age')}</th>
              <th scope="col">{t('col.sex')}</th>
              <th scope="col">{t('col.case')}</th>
              <th scope="col">{t('col.destination')}</th>
              <th scope="col">{t('col.state')}</th>
              <th scope="col">{t('col.pending')}</th>
              <th scope="col">{t('col.waiting_since')}</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {shown.map((it, i) => (
              <tr key={it.assessment_id} data-id={it.assessment_id} tabIndex={i === selIndex ? 0 : -1}
                aria-selected={i === selIndex} class={i === selIndex ? 'selected' : ''}
                onFocus={() => setSelected(it.assessment_id)} onClick={() => open(it.assessment_id)}>
                <td>
                  <Link href={`/chart/${encodeURIComponent(it.assessment_id)}?from=${station}`} tabIndex={-1}>
                    {it.name}
                  </Link>
                  {it.critical > 0 && (
                    <span class="badge bad" data-testid="critical-badge" title={t('labw.critical_title')}>
                      {t('labw.critical_badge', { n: it.critical })}
                    </span>
                  )}
                </td>
                <td>
                  {it.age_years}
                  {it.birth_date_estimated && <span class="badge est" title={t('chart.estimated_long')}>{t('chart.estimated')}</span>}
                </td>
                <td>{label('sex', it.sex)}</td>
                <td>{it.case_number}</td>
                <td>{label('dest', it.destination)} · {label('program', it.program)}</td>
                <td>
                  {label('state', it.state, it.state_label)}
                  {it.identity_hold && (
                    <span class="badge bad" data-testid="identity-badge" title={it.identity_hold.reason}>
                      {t('idc.badge')}: {it.identity_hold.reason}
                    </span>
                  )}
                </td>
                <td>{(it.pending ?? []).map((s) => label('step', s)).join(', ') || '—'}</td>
                <td title={dateTime(it.waiting_since, user.site?.timezone)} data-testid="waiting">{waitingFor(it.waiting_since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p class="bar">
          <button type="button" data-testid="worklist-more" disabled={more} onClick={() => void showMore()}>
            {t('worklist.more')}
          </button>
          {f && <span class="hint">{t('worklist.more_hint')}</span>}
        </p>
      )}
    </section>
  );
}

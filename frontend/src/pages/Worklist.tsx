// A station's worklist, built for the keyboard: j/k or arrows move, Enter opens, / searches.
// It refreshes every 15 s; rows are keyed by assessment so focus and selection survive.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, listOf, query } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, label, t } from '../i18n';
import { Link, navigate } from '../router';
import { stationsByRole, useUser } from '../session';
import type { WorkItem } from '../types';
import { useTitle } from '../useTitle';

const REFRESH_MS = 15_000;

export function Worklist({ station }: { station: string }) {
  const user = useUser();
  const title = label('station', station);
  useTitle(title);
  const [items, setItems] = useState<WorkItem[] | null>(null);
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
        const r = await api.get<unknown>('/worklist' + query({ station }));
        if (stop) return;
        setItems(listOf<WorkItem>(r, 'items'));
        loaded = true;
        setUpdated(new Date().toISOString());
        setError(null);
      } catch (e) {
        if (!stop) setError(e as ApiError);
      }
    };
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [station, allowed]);

  const f = filter.trim().toLowerCase();
  const shown = (items ?? []).filter(
    (i) => !f || i.name.toLowerCase().includes(f) || i.case_number.toLowerCase().includes(f),
  );
  // Keep a valid selection when the list changes under it.
  const selIndex = Math.max(0, shown.findIndex((i) => i.assessment_id === selected));
  const current = shown[selIndex];

  const focusRow = (index: number) => {
    const it = shown[Math.min(Math.max(index, 0), shown.length - 1)];
    if (!it) return;
    setSelected(it.assessment_id);
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(it.assessment_id)}"]`)?.focus();
  };
  const open = (it: WorkItem) => navigate(`/chart/${encodeURIComponent(it.assessment_id)}?from=${station}`);

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
        if (e.key === 'Escape' || (e.key === 'ArrowDown' && target === filterRef.current)) focusRow(selIndex);
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        focusRow(selIndex + (target.closest('tbody') ? 1 : 0));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        focusRow(selIndex - 1);
      } else if (e.key === 'Enter' && target.closest('tbody') && current) {
        e.preventDefault();
        open(current);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

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
                onFocus={() => setSelected(it.assessment_id)} onDblClick={() => open(it)}>
                <td>
                  <Link href={`/chart/${encodeURIComponent(it.assessment_id)}?from=${station}`} tabIndex={-1}>
                    {it.name}
                  </Link>
                </td>
                <td>{it.age_years}</td>
                <td>{label('sex', it.sex)}</td>
                <td>{it.case_number}</td>
                <td>{label('dest', it.destination)} · {label('program', it.program)}</td>
                <td>{label('state', it.state, it.state_label)}</td>
                <td>{(it.pending ?? []).map((s) => label('step', s)).join(', ') || '—'}</td>
                <td>{dateTime(it.waiting_since, user.site?.timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// Find a case by its number or a member's name.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { TextField } from '../components/fields';
import { IdentityHolds } from '../components/IdentityHolds';
import { Problem } from '../components/Problem';
import { label, t } from '../i18n';
import { Link, navigate, queryParam } from '../router';
import type { Case } from '../types';
import { useTitle } from '../useTitle';
import { fullName } from './CaseView';

export function CaseSearch() {
  useTitle(t('search.title'));
  const [q, setQ] = useState(queryParam('q'));
  const [cases, setCases] = useState<Case[] | null>(null);
  const [next, setNext] = useState<{ term: string; cursor: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // A new search starts from the first page; "more" appends the page after the last one shown.
  const search = async (term: string, after?: { term: string; cursor: string }) => {
    try {
      const page = await api.get<ListPage<Case>>('/cases' + query({ q: (after?.term ?? term).trim(), cursor: after?.cursor }));
      setCases((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setNext(page.next ? { term: after?.term ?? term, cursor: page.next } : null);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void search(q);
  }, []);

  return (
    <section aria-labelledby="search-h">
      <h1 id="search-h">{t('search.title')}</h1>
      <IdentityHolds />
      <form
        class="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate('/cases' + query({ q: q.trim() }), true);
          void search(q);
        }}
      >
        <TextField id="case-q" type="search" label={t('search.label')} value={q} onInput={setQ} size="wide" />
        <div class="field">
          <button type="submit">{t('search.submit')}</button>
        </div>
      </form>
      <Problem error={error} />
      {cases && cases.length === 0 && <p>{t('search.none')}</p>}
      {cases && cases.length > 0 && (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{t('col.case')}</th>
              <th scope="col">{t('col.destination')}</th>
              <th scope="col">{t('col.program')}</th>
              <th scope="col">{t('col.members')}</th>
              <th scope="col">{t('col.flight')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={'/cases/' + encodeURIComponent(c.id)}>{c.case_number}</Link>
                </td>
                <td>{label('dest', c.destination)}</td>
                <td>{label('program', c.program)}</td>
                <td>{(c.members ?? []).map(fullName).join('; ')}</td>
                <td>{c.flight ? `${c.flight.number} · ${c.flight.departure_date}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => void search(next.term, next)}>
            {t('search.more')}
          </button>
        </div>
      )}
    </section>
  );
}

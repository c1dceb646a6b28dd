// The administrator's accounts and audit: the users of the admin's site (all sites for a
// deployment-wide admin) with create, disable/enable, password reset and second-factor reset; and
// the audit search (user, record, action, dates) with the hash chain's verification.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, label, t, type Key } from '../i18n';
import { useUser } from '../session';
import type { AuditChain, AuditRow, Role, User } from '../types';

const ROLES: Role[] = ['registrar', 'nurse', 'lab', 'radiology', 'physician', 'caseworker', 'admin'];

export function Accounts() {
  const me = useUser();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [form, setForm] = useState({ username: '', name: '', role: 'nurse' as Role, password: '', registration_id: '' });
  const [resetFor, setResetFor] = useState('');
  const [newPassword, setNewPassword] = useState('');

  const load = async () => {
    try {
      setUsers((await api.get<ListPage<User>>('/users')).items);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      setStatus(done);
      setError(null);
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const create = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      await api.post('/users', { ...form, site_code: me.site?.code ?? '' });
      setForm({ ...form, username: '', name: '', password: '', registration_id: '' });
    }, t('acct.created', { user: form.username }));
  };

  return (
    <section aria-labelledby="acct-h">
      <h2 id="acct-h">{t('acct.title')}</h2>
      <Problem error={error} />
      <p role="status" aria-live="polite" data-testid="acct-status">{status}</p>
      {users && (
        <table class="grid" data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">{t('acct.username')}</th>
              <th scope="col">{t('acct.name')}</th>
              <th scope="col">{t('acct.role')}</th>
              <th scope="col">{t('acct.site')}</th>
              <th scope="col">{t('acct.state')}</th>
              <th scope="col"><span class="sr-only">{t('forms.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-username={u.username}>
                <td>{u.username}</td>
                <td>{u.name}</td>
                <td>{label('role', u.role)}{u.country ? ` · ${u.country}` : ''}</td>
                <td>{u.site?.code}</td>
                <td>
                  {u.disabled ? t('acct.disabled') : t('acct.active')}
                  {u.second_factor && <span class="badge">{t('acct.second_factor')}</span>}
                </td>
                <td>
                  {u.id !== me.id && (
                    <button type="button" onClick={() => void act(() => api.put(`/users/${u.id}/disabled`, { disabled: !u.disabled }),
                      t(u.disabled ? 'acct.enabled_done' : 'acct.disabled_done', { user: u.username }))}>
                      {u.disabled ? t('acct.enable') : t('acct.disable')}
                    </button>
                  )}
                  <button type="button" onClick={() => { setResetFor(u.id); setNewPassword(''); }}>{t('acct.reset_password')}</button>
                  {u.second_factor && (
                    <button type="button" onClick={() => void act(() => api.post(`/users/${u.id}/second-factor/reset`),
                      t('acct.second_factor_reset', { user: u.username }))}>
                      {t('acct.reset_second_factor')}
                    </button>
                  )}
                  {resetFor === u.id && (
                    <form class="inline" onSubmit={(e) => {
                      e.preventDefault();
                      void act(async () => { await api.put(`/users/${u.id}/password`, { password: newPassword }); setResetFor(''); },
                        t('acct.password_reset', { user: u.username }));
                    }}>
                      <label for={`pw-${u.id}`}>{t('acct.new_password')}</label>
                      <input id={`pw-${u.id}`} type="password" autoComplete="new-password" value={newPassword}
                        onInput={(e) => setNewPassword((e.currentTarget as HTMLInputElement).value)} />
                      <button type="submit">{t('acct.save_password')}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('acct.create')}</h3>
      <form onSubmit={create} class="stack">
        <label for="nu-username">{t('acct.username')}</label>
        <input id="nu-username" value={form.username} autoComplete="off" onInput={(e) => setForm({ ...form, username: (e.currentTarget as HTMLInputElement).value })} />
        <label for="nu-name">{t('acct.name')}</label>
        <input id="nu-name" value={form.name} onInput={(e) => setForm({ ...form, name: (e.currentTarget as HTMLInputElement).value })} />
        <label for="nu-role">{t('acct.role')}</label>
        <select id="nu-role" value={form.role} onChange={(e) => setForm({ ...form, role: (e.currentTarget as HTMLSelectElement).value as Role })}>
          {ROLES.map((r) => <option key={r} value={r}>{label('role', r)}</option>)}
        </select>
        {form.role === 'physician' && (
          <>
            <label for="nu-reg">{t('acct.registration_id')}</label>
            <input id="nu-reg" value={form.registration_id} onInput={(e) => setForm({ ...form, registration_id: (e.currentTarget as HTMLInputElement).value })} />
          </>
        )}
        <label for="nu-password">{t('acct.password')}</label>
        <input id="nu-password" type="password" autoComplete="new-password" value={form.password}
          onInput={(e) => setForm({ ...form, password: (e.currentTarget as HTMLInputElement).value })} />
        <button type="submit">{t('acct.create_button')}</button>
      </form>
    </section>
  );
}

export function AuditSearch() {
  const me = useUser();
  const [f, setF] = useState({ user: '', record: '', action: '', from: '', to: '' });
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [next, setNext] = useState('');
  const [chain, setChain] = useState<AuditChain | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const search = async (cursor = '') => {
    try {
      const r = await api.get<ListPage<AuditRow>>('/audit' + query({ ...f, cursor }));
      setRows(cursor ? [...(rows ?? []), ...r.items] : r.items);
      setNext(r.next ?? '');
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const verify = async () => {
    try {
      setChain(await api.post<AuditChain>('/audit/verify'));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const field = (k: keyof typeof f, type: 'text' | 'date' = 'text') => (
    <>
      <label for={`au-${k}`}>{t(`audit.${k}` as Key)}</label>
      {type === 'date' ? (
        <input id={`au-${k}`} type="date" value={f[k]} onInput={(e) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })} />
      ) : (
        <input id={`au-${k}`} type="text" value={f[k]} onInput={(e) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value })} />
      )}
    </>
  );

  return (
    <section aria-labelledby="audit-h">
      <h2 id="audit-h">{t('audit.title')}</h2>
      <form class="bar" onSubmit={(e) => { e.preventDefault(); void search(); }}>
        {field('user')}
        {field('record')}
        {field('action')}
        {field('from', 'date')}
        {field('to', 'date')}
        <button type="submit">{t('audit.search')}</button>
      </form>
      <p>
        <button type="button" onClick={() => void verify()}>{t('audit.verify')}</button>{' '}
        {chain && (
          <span role="status" data-testid="audit-chain" class={chain.intact ? 'badge ok' : 'badge bad'}>
            {chain.intact ? t('audit.intact', { rows: chain.rows }) : t('audit.broken', { problem: chain.problem ?? '' })}
          </span>
        )}
      </p>
      <Problem error={error} />
      {rows && rows.length === 0 && <p>{t('audit.none')}</p>}
      {rows && rows.length > 0 && (
        <table class="grid" data-testid="audit-rows">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.record')}</th>
              <th scope="col">{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.at, me.site?.timezone)}</td>
                <td>{r.username} ({label('role', r.role)})</td>
                <td>{r.action}</td>
                <td>{r.record} {r.record_id}</td>
                <td>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && <button type="button" onClick={() => void search(next)}>{t('audit.more')}</button>}
    </section>
  );
}

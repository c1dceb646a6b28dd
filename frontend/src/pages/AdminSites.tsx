// The sites of the deployment with each one's signing certificate (SHA-256 fingerprint, validity,
// earlier certificates kept so old forms verify). A deployment-wide administrator creates a site
// with its key and rotates a site's key; a site administrator sees the list only.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type ListPage } from '../api';
import { Problem } from '../components/Problem';
import { dateTime, t, type Key } from '../i18n';
import { useUser } from '../session';
import type { SiteEntry } from '../types';

const empty = { code: '', name: '', city: '', country: '', timezone: '' };

/** The IANA zones the browser knows, offered while typing (the server checks the name). */
function zones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
}

export function Sites() {
  const me = useUser();
  const [sites, setSites] = useState<SiteEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [form, setForm] = useState(empty);

  const load = async () => {
    try {
      setSites((await api.get<ListPage<SiteEntry>>('/sites')).items);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const act = async (fn: () => Promise<string>) => {
    try {
      setStatus(await fn());
      setError(null);
      await load();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const create = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      const s = await api.post<SiteEntry>('/sites', form);
      setForm(empty);
      return t('site.created', { code: s.code });
    });
  };
  const rotate = (code: string) => {
    if (!window.confirm(t('site.rotate_confirm', { code }))) return;
    void act(async () => {
      await api.post<SiteEntry>(`/sites/${encodeURIComponent(code)}/key/rotate`);
      return t('site.rotated', { code });
    });
  };
  const input = (k: keyof typeof empty, extra: Record<string, string> = {}) => (
    <>
      <label for={`ns-${k}`}>{t(`site.${k}` as Key)}</label>
      <input id={`ns-${k}`} value={form[k]} autoComplete="off" {...extra}
        onInput={(e) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value })} />
    </>
  );

  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">{t('site.title')}</h2>
      <p role="status" aria-live="polite" data-testid="site-status">{status}</p>
      <Problem error={error} />
      {sites && (
        <table class="grid" data-testid="sites">
          <thead>
            <tr>
              <th scope="col">{t('site.code')}</th>
              <th scope="col">{t('site.name')}</th>
              <th scope="col">{t('site.country')}</th>
              <th scope="col">{t('site.timezone')}</th>
              <th scope="col">{t('site.certificate')}</th>
              {me.deployment_wide && <th scope="col"><span class="sr-only">{t('forms.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.code} data-site={s.code}>
                <td>{s.code}</td>
                <td>{s.name}{s.city ? ` · ${s.city}` : ''}</td>
                <td>{s.country}</td>
                <td>{s.timezone}</td>
                <td>
                  {s.certificate ? (
                    <>
                      <code class="fingerprint" data-testid="fingerprint">{s.certificate.fingerprint_sha256}</code>
                      <div class="hint">
                        {t('site.valid', { from: dateTime(s.certificate.not_before, me.site?.timezone), to: dateTime(s.certificate.not_after, me.site?.timezone) })}
                        {' · '}{s.certificate.key_type}
                        {s.certificate.retired > 0 && <> · {t('site.retired', { n: s.certificate.retired })}</>}
                      </div>
                    </>
                  ) : t('site.no_key')}
                </td>
                {me.deployment_wide && (
                  <td>
                    {s.certificate && <button type="button" onClick={() => rotate(s.code)}>{t('site.rotate')}</button>}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me.deployment_wide && (
        <>
          <h3>{t('site.create')}</h3>
          <form onSubmit={create} class="stack" noValidate>
            {input('code', { maxLength: '10', placeholder: 'NBO' })}
            {input('name')}
            {input('city')}
            {input('country', { maxLength: '2', placeholder: 'KE' })}
            {input('timezone', { list: 'site-zones', placeholder: 'Africa/Nairobi' })}
            <datalist id="site-zones">
              {zones().map((z) => <option key={z} value={z} />)}
            </datalist>
            <p class="hint">{t('site.key_note')}</p>
            <button type="submit">{t('site.create_button')}</button>
          </form>
        </>
      )}
    </section>
  );
}

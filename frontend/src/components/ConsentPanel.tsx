// One person's consents: what they agreed to, for which purpose and how, recorded, withdrawn
// (nothing is deleted), the printable consent sheet to sign, and the scan of the signed sheet.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, request } from '../api';
import { fieldError, Problem } from './Problem';
import { Checkbox, SelectField, TextField } from './fields';
import { t, type Key } from '../i18n';
import type { Consent, ConsentScan } from '../types';

const purposes = ['examination', 'hiv_testing', 'share_authority', 'share_agency', 'statistics'] as const;
const kinds = ['written', 'verbal', 'proxy'] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function consentLabel(c: { purpose: string; country: string }): string {
  const base = t(('consent.purpose.' + c.purpose) as Key);
  return c.country ? `${base} (${c.country})` : base;
}

export function ConsentPanel({ applicantId, name, destination, canRecord }: {
  applicantId: string; name: string; destination: string; canRecord: boolean;
}) {
  const base = `/applicants/${encodeURIComponent(applicantId)}`;
  const [items, setItems] = useState<Consent[] | null>(null);
  const [scans, setScans] = useState<ConsentScan[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [purpose, setPurpose] = useState<string>('examination');
  const [kind, setKind] = useState<string>('written');
  const [witness, setWitness] = useState('');
  const [proxyName, setProxyName] = useState('');
  const [proxyRelation, setProxyRelation] = useState('');
  const [proxyReason, setProxyReason] = useState('');
  const [language, setLanguage] = useState('rw');
  const [interpreter, setInterpreter] = useState(false);
  const [givenOn, setGivenOn] = useState(today());
  const [saved, setSaved] = useState('');
  const id = (s: string) => `consent-${s}-${applicantId}`;

  const load = async () => {
    try {
      setItems((await api.get<{ items: Consent[] }>(base + '/consents')).items);
      setScans((await api.get<{ items: ConsentScan[] }>(base + '/consent-scans')).items);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  useEffect(() => {
    void load();
  }, [applicantId]);

  const record = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSaved('');
    try {
      const c = await api.post<Consent>(base + '/consents', {
        purpose, country: purpose === 'share_authority' ? destination : '', kind, witness, proxy_name: proxyName,
        proxy_relation: proxyRelation, proxy_reason: proxyReason, language, interpreter, given_on: givenOn,
      });
      setSaved(t('consent.saved', { what: consentLabel(c) }));
      await load();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const withdraw = async (c: Consent) => {
    const reason = window.prompt(t('consent.withdraw_reason', { what: consentLabel(c) }));
    if (!reason) return;
    setError(null);
    try {
      await api.post(`/consents/${encodeURIComponent(c.id)}/withdraw`, { on: today(), reason });
      await load();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const upload = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setError(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await request('POST', base + '/consent-scans', { form });
      await load();
    } catch (err) {
      setError(err as ApiError);
    }
  };

  const errs = error?.errors;
  return (
    <section class="card" aria-label={t('consent.of', { name })} data-testid={'consents-' + applicantId}>
      <h3>{t('consent.of', { name })}</h3>
      {items && items.length === 0 && <p class="hint">{t('consent.none')}</p>}
      {items && items.length > 0 && (
        <table class="consents">
          <thead>
            <tr>
              <th scope="col">{t('consent.purpose')}</th>
              <th scope="col">{t('consent.kind')}</th>
              <th scope="col">{t('consent.given_on')}</th>
              <th scope="col">{t('consent.state')}</th>
              {canRecord && <th scope="col"><span class="sr-only">{t('forms.actions')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{consentLabel(c)}</td>
                <td>
                  {t(('consent.kind.' + c.kind) as Key)}
                  {c.kind === 'proxy' && ` — ${c.proxy_name} (${c.proxy_relation})`}
                  {c.kind === 'verbal' && ` — ${c.witness}`}
                  {` · ${c.language}${c.interpreter ? ' · ' + t('consent.interpreter') : ''}`}
                </td>
                <td>{c.given_on}</td>
                <td>{c.withdrawn ? t('consent.withdrawn_on', { on: c.withdrawn.on, reason: c.withdrawn.reason }) : t('consent.standing')}</td>
                {canRecord && (
                  <td>
                    {!c.withdrawn && (
                      <button type="button" class="secondary" onClick={() => withdraw(c)}
                        aria-label={t('consent.withdraw_of', { what: consentLabel(c) })}>
                        {t('consent.withdraw')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRecord && (
        <form onSubmit={record} class="row">
          <SelectField id={id('purpose')} label={t('consent.purpose')} value={purpose} onChange={setPurpose} required
            options={purposes.map((p) => ({ value: p, label: consentLabel({ purpose: p, country: p === 'share_authority' ? destination : '' }) }))}
            error={fieldError(errs, 'purpose') ?? fieldError(errs, 'country')} />
          <SelectField id={id('kind')} label={t('consent.kind')} value={kind} onChange={setKind} required
            options={kinds.map((k) => ({ value: k, label: t(('consent.kind.' + k) as Key) }))} error={fieldError(errs, 'kind')} />
          {kind === 'verbal' && (
            <TextField id={id('witness')} label={t('consent.witness')} value={witness} onInput={setWitness} required error={fieldError(errs, 'witness')} />
          )}
          {kind === 'proxy' && (
            <>
              <TextField id={id('proxy-name')} label={t('consent.proxy_name')} value={proxyName} onInput={setProxyName} required error={fieldError(errs, 'proxy_name')} />
              <TextField id={id('proxy-relation')} label={t('consent.proxy_relation')} value={proxyRelation} onInput={setProxyRelation} required error={fieldError(errs, 'proxy_relation')} />
              <TextField id={id('proxy-reason')} label={t('consent.proxy_reason')} value={proxyReason} onInput={setProxyReason} error={fieldError(errs, 'proxy_reason')}
                hint={t('consent.proxy_reason_hint')} />
            </>
          )}
          <TextField id={id('language')} label={t('consent.language')} value={language} onInput={setLanguage} required size="short" error={fieldError(errs, 'language')} />
          <Checkbox id={id('interpreter')} label={t('consent.interpreter')} checked={interpreter} onChange={setInterpreter} />
          <TextField id={id('given-on')} type="date" label={t('consent.given_on')} value={givenOn} onInput={setGivenOn} required error={fieldError(errs, 'given_on')} />
          <div class="actions">
            <button type="submit">{t('consent.record')}</button>
            <span aria-live="polite" data-testid="consent-saved">{saved}</span>
          </div>
        </form>
      )}
      <p>
        <a href={'/api' + base + '/consent-sheet'} target="_blank" rel="noopener">{t('consent.sheet')}</a>
      </p>
      {canRecord && (
        <div class="field">
          <label for={id('scan')}>{t('consent.scan')}</label>
          <input id={id('scan')} type="file" accept="application/pdf,image/jpeg" onChange={upload} />
        </div>
      )}
      {scans.length > 0 && (
        <ul>
          {scans.map((s) => (
            <li key={s.id}>
              <a href={`/api${base}/consent-scans/${encodeURIComponent(s.id)}`} target="_blank" rel="noopener">
                {t('consent.scan_item', { type: s.content_type === 'application/pdf' ? 'PDF' : 'JPEG', size: Math.ceil(s.size / 1024) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <Problem error={error} />
    </section>
  );
}

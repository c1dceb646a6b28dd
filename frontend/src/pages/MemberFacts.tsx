// The facts of a registration the receiving countries' rules read (protocol-contract.md,
// "Additions 2026-12"): other citizenships, stays abroad, occupation, the type of Canadian IME
// and the last chest X-ray certificate. All may be left empty.
import { SelectField, TextField } from '../components/fields';
import { t, type Key } from '../i18n';
import type { MemberDraft } from './Registration';
import { countryList, parseCountries } from './options';

/** One stay as the form holds it: dates as typed (YYYY-MM-DD), "to" empty while it goes on. */
export interface StayDraft {
  country: string;
  from: string;
  to: string;
}

/** The facts' part of a member draft. */
export interface FactsDraft {
  citizenships: string;
  stays: StayDraft[];
  occupation: string;
  ime_type: string;
  previous_cxr_date: string;
}

export const emptyFacts: FactsDraft = { citizenships: '', stays: [], occupation: '', ime_type: '', previous_cxr_date: '' };

/** The facts as the API takes them (a draft restored from before these fields reads as empty). */
export function factsBody(m: Partial<FactsDraft>) {
  return {
    citizenships: parseCountries(m.citizenships ?? ''),
    stays: (m.stays ?? []).map((s) => ({ country: s.country.trim().toUpperCase(), from: s.from, to: s.to })),
    occupation: m.occupation ?? '',
    ime_type: m.ime_type ?? '',
    previous_cxr_date: m.previous_cxr_date ?? '',
  };
}

/** The facts of a person as the server holds them, for the correction form. */
export function factsDraftOf(a: {
  citizenships?: string[]; stays?: StayDraft[]; occupation?: string; ime_type?: string; previous_cxr_date?: string;
}): FactsDraft {
  return {
    citizenships: (a.citizenships ?? []).join(', '), stays: (a.stays ?? []).map((s) => ({ ...s })),
    occupation: a.occupation ?? '', ime_type: a.ime_type ?? '', previous_cxr_date: a.previous_cxr_date ?? '',
  };
}

interface Props {
  i: number;
  m: MemberDraft;
  err: (field: string) => string | undefined;
  onChange: (p: Partial<MemberDraft>) => void;
  today?: string;
}

export function MemberFacts({ i, m, err, onChange, today }: Props) {
  const id = (f: string) => `m${i}-${f}`;
  const stays = m.stays ?? [];
  const setStay = (j: number, patch: Partial<StayDraft>) =>
    onChange({ stays: stays.map((s, k) => (k === j ? { ...s, ...patch } : s)) });
  const opts = (field: 'occupation' | 'ime_type', codes: string[]) =>
    codes.map((c) => ({ value: c, label: t(`pf.${field}.${c}` as Key) }));
  return (
    <fieldset class="member-facts">
      <legend>{t('pf.legend')}</legend>
      <div class="row">
        <TextField id={id('citizenships')} label={t('pf.citizenships')} value={m.citizenships ?? ''}
          onInput={(x) => onChange({ citizenships: x })} error={err('citizenships')}
          hint={countryList(m.citizenships ?? '') || t('pf.citizenships_hint')} />
        <SelectField id={id('occupation')} label={t('pf.occupation')} value={m.occupation ?? ''}
          options={opts('occupation', ['', 'health_worker', 'other'])} onChange={(x) => onChange({ occupation: x })}
          error={err('occupation')} />
        <SelectField id={id('ime_type')} label={t('pf.ime_type')} value={m.ime_type ?? ''}
          options={opts('ime_type', ['', 'full', 'streamlined'])} onChange={(x) => onChange({ ime_type: x })}
          error={err('ime_type')} />
        <TextField id={id('previous_cxr_date')} type="date" label={t('pf.previous_cxr_date')} value={m.previous_cxr_date ?? ''}
          onInput={(x) => onChange({ previous_cxr_date: x })} error={err('previous_cxr_date')} size="short" max={today} />
      </div>
      <p class="hint">{t('pf.stays')}</p>
      {stays.map((s, j) => (
        <div class="row" key={j} role="group" aria-label={t('pf.stay_n', { n: j + 1 })}>
          <TextField id={id(`stay${j}-country`)} label={t('pf.stay_country')} value={s.country} size="short"
            onInput={(x) => setStay(j, { country: x })} error={err(`stays[${j}].country`)} hint={countryList(s.country)} />
          <TextField id={id(`stay${j}-from`)} type="date" label={t('pf.stay_from')} value={s.from} size="short" max={today}
            onInput={(x) => setStay(j, { from: x })} error={err(`stays[${j}].from`)} />
          <TextField id={id(`stay${j}-to`)} type="date" label={t('pf.stay_to')} value={s.to} size="short" max={today}
            onInput={(x) => setStay(j, { to: x })} error={err(`stays[${j}].to`)} />
          <div class="field">
            <button type="button" class="secondary" onClick={() => onChange({ stays: stays.filter((_, k) => k !== j) })}>
              {t('pf.remove_stay', { n: j + 1 })}
            </button>
          </div>
        </div>
      ))}
      <div class="actions">
        <button type="button" class="secondary" id={id('add-stay')}
          onClick={() => onChange({ stays: [...stays, { country: '', from: '', to: '' }] })}>
          {t('pf.add_stay')}
        </button>
      </div>
    </fieldset>
  );
}

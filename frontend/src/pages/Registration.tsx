// Register a family case with its members, and put them in the queue in the same step if wanted.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api, newKey } from '../api';
import { DuplicatePanel, duplicatesBody, type DuplicateDecision } from '../components/DuplicatePanel';
import { Checkbox, SelectField, TextField } from '../components/fields';
import { Problem, fieldError } from '../components/Problem';
import { countryCodes, countryCodeOf } from '../countries';
import { countryName, t } from '../i18n';
import { navigate } from '../router';
import type { Case, MemberInput } from '../types';
import { useDraftForm } from '../useDraftForm';
import { useTitle } from '../useTitle';
import { codeOptions, countryList, parseCountries } from './options';
import { checkMember, todayIn } from './regcheck';
import { MemberFacts, emptyFacts, factsBody, type FactsDraft } from './MemberFacts';
import { useUser } from '../session';

// The file number is the registrar's own reference; the registration form does not ask for it.
export interface MemberDraft
  extends Omit<MemberInput, 'countries_lived' | 'file_number' | keyof FactsDraft>, Partial<FactsDraft> {
  countries_lived: string;
}

interface RegForm {
  case_number: string;
  destination: string;
  program: string;
  members: MemberDraft[];
  idem: string;
  /** Put every member in the queue as soon as the case is registered. */
  queue: boolean;
}

function emptyMember(relationship: string): MemberDraft {
  return {
    surnames: '', given_names: '', birth_date: '', birth_date_estimated: false, sex: '', relationship,
    nationality: '', country_of_birth: '', residence_country: '', countries_lived: '', document_type: 'UNHCR',
    document_number: '', phone: '', unaccompanied_minor: false, adoptee: false, ...emptyFacts, stays: [],
  };
}

export function Registration() {
  useTitle(t('reg.title'));
  const [empty] = useState<RegForm>(() => ({
    case_number: '', destination: '', program: '', members: [emptyMember('principal')], idem: newKey(), queue: false,
  }));
  const form = useDraftForm<RegForm>('register', empty);
  const [dups, setDups] = useState<Record<number, DuplicateDecision | undefined>>({});
  const v = form.values;
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;

  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    form.set({ members: v.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  const today = todayIn(useUser().site?.timezone ?? undefined);
  const submit = (e: Event) => {
    e.preventDefault();
    const local = v.members.flatMap((m, i) => checkMember(m, `members[${i}].`, today));
    for (const f of ['case_number', 'destination', 'program'] as const) {
      if (!v[f].trim()) local.unshift({ field: f, code: 'required', message: t('fielderr.required_here') });
    }
    if (local.length) {
      form.setStatus({ kind: 'error', error: new ApiError(422, 'validation', '', local) });
      document.getElementById(fieldId(local[0].field))?.focus();
      return;
    }
    const body = {
      case_number: v.case_number.trim(),
      destination: v.destination,
      program: v.program,
      members: v.members.map(memberBody),
      duplicates: duplicatesBody(dups),
    };
    void form.submit(async () => {
      const c = await api.post<Case>('/cases', body, { idempotencyKey: v.idem });
      if (v.queue && c.can?.includes('queue_case')) {
        await api.post('/cases/' + encodeURIComponent(c.id) + '/queue', undefined, { idempotencyKey: `queue-${c.id}-${c.version}` });
      }
      navigate('/cases/' + encodeURIComponent(c.id));
    });
  };

  return (
    <section aria-labelledby="reg-h">
      <h1 id="reg-h">{t('reg.title')}</h1>
      {form.restoredAt && form.dirty && (
        <div class="alert info" role="status">
          {t('draft.restored_short')}{' '}
          <button type="button" class="link" onClick={form.discard}>{t('draft.discard')}</button>
        </div>
      )}
      <form onSubmit={submit} class="card" noValidate>
        <CountryNames />
        <div class="row">
          <TextField id="case_number" label={t('reg.case_number')} value={v.case_number} required
            onInput={(x) => form.set({ case_number: x })} error={fieldError(errors, 'case_number')} />
          <SelectField id="destination" label={t('reg.destination')} value={v.destination} required
            placeholder={t('common.choose')} options={codeOptions('dest', ['US', 'CA', 'AU', 'NZ'])}
            onChange={(x) => form.set({ destination: x })} error={fieldError(errors, 'destination')} />
          <SelectField id="program" label={t('reg.program')} value={v.program} required
            placeholder={t('common.choose')} options={codeOptions('program', ['refugee', 'immigrant', 'temporary'])}
            onChange={(x) => form.set({ program: x })} error={fieldError(errors, 'program')} />
        </div>
        {v.members.map((m, i) => (
          <Fragment key={i}>
            <MemberFields i={i} m={m} errors={errors} onChange={(p) => setMember(i, p)} today={today}
              principal={i > 0 ? v.members[0] : undefined}
              onRemove={v.members.length > 1 ? () => form.set({ members: v.members.filter((_, j) => j !== i) }) : undefined} />
            <DuplicatePanel i={i} person={m} decision={dups[i]} errors={errors}
              onDecision={(d) => setDups((all) => ({ ...all, [i]: d }))} />
          </Fragment>
        ))}
        <div class="actions">
          <button type="button" class="secondary"
            onClick={() => form.set({ members: [...v.members, emptyMember(v.members.length === 1 ? 'spouse' : 'child')] })}>
            {t('reg.add_member')}
          </button>
          <Checkbox id="queue-now" label={t('reg.queue_now')} checked={v.queue} onChange={(x) => form.set({ queue: x })} />
          <button type="submit" disabled={form.status.kind === 'saving'}>
            {form.status.kind === 'saving' ? t('common.saving') : t('reg.submit')}
          </button>
        </div>
        {form.status.kind === 'error' && <Problem error={form.status.error} />}
      </form>
    </section>
  );
}

/** A member as the API takes it: names trimmed, country codes upper case, countries as a list. */
export function memberBody(m: MemberDraft) {
  return {
    ...m,
    surnames: m.surnames.trim(),
    given_names: m.given_names.trim(),
    nationality: m.nationality.trim().toUpperCase(),
    country_of_birth: m.country_of_birth.trim().toUpperCase(),
    residence_country: m.residence_country.trim().toUpperCase(),
    countries_lived: parseCountries(m.countries_lived),
    document_number: m.document_number.trim(),
    ...factsBody(m),
  };
}

interface MemberProps {
  i: number;
  m: MemberDraft;
  errors: Parameters<typeof fieldError>[0];
  onChange: (p: Partial<MemberDraft>) => void;
  onRemove?: () => void;
  /** Field errors' prefix: "members[i]." when registering a case, "" when correcting one person. */
  errorPrefix?: string;
  legend?: string;
  /** The principal applicant, for "same as the principal applicant" (members after the first). */
  principal?: MemberDraft;
  /** Today in the site's time zone: a birth date may not be after it. */
  today?: string;
}

export function MemberFields({ i, m, errors, onChange, onRemove, errorPrefix, legend, principal, today }: MemberProps) {
  const id = (f: string) => `m${i}-${f}`;
  const err = (f: string) => fieldError(errors, `${errorPrefix ?? `members[${i}].`}${f}`);
  return (
    <fieldset class="member">
      <legend>{legend ?? t('reg.member_n', { n: i + 1 })}</legend>
      <div class="row">
        <TextField id={id('surnames')} label={t('reg.surnames')} value={m.surnames} required
          onInput={(x) => onChange({ surnames: x })} error={err('surnames')} />
        <TextField id={id('given_names')} label={t('reg.given_names')} value={m.given_names} required
          onInput={(x) => onChange({ given_names: x })} error={err('given_names')} />
        <TextField id={id('birth_date')} type="date" label={t('reg.birth_date')} value={m.birth_date} required
          onInput={(x) => onChange({ birth_date: x })} error={err('birth_date')} size="short" max={today} />
        <Checkbox id={id('estimated')} label={t('reg.estimated')} checked={m.birth_date_estimated}
          onChange={(x) => onChange({ birth_date_estimated: x })} />
        <SelectField id={id('sex')} label={t('reg.sex')} value={m.sex} required placeholder={t('common.choose')}
          options={codeOptions('sex', ['female', 'male', 'other'])} onChange={(x) => onChange({ sex: x })} error={err('sex')} />
        <SelectField id={id('relationship')} label={t('reg.relationship')} value={m.relationship} required
          options={codeOptions('rel', ['principal', 'spouse', 'child', 'parent', 'sibling', 'other'])}
          onChange={(x) => onChange({ relationship: x })} error={err('relationship')} />
      </div>
      {principal && (
        <div class="actions">
          <button type="button" class="secondary" id={id('same')}
            onClick={() => onChange({ nationality: principal.nationality, residence_country: principal.residence_country, countries_lived: principal.countries_lived })}>
            {t('reg.same_as_principal')}
          </button>
        </div>
      )}
      <div class="row">
        <CountryField id={id('nationality')} label={t('reg.nationality')} value={m.nationality}
          onInput={(x) => onChange({ nationality: x })} error={err('nationality')} />
        <CountryField id={id('birth_country')} label={t('reg.country_of_birth')} value={m.country_of_birth}
          onInput={(x) => onChange({ country_of_birth: x })} error={err('country_of_birth')} optional />
        <CountryField id={id('residence')} label={t('reg.residence')} value={m.residence_country}
          onInput={(x) => onChange({ residence_country: x })} error={err('residence_country')} />
        <TextField id={id('countries')} label={t('reg.countries_lived')} value={m.countries_lived}
          onInput={(x) => onChange({ countries_lived: x })} error={err('countries_lived')}
          hint={countryList(m.countries_lived) || t('reg.countries_hint')} size="wide" />
      </div>
      <div class="row">
        <SelectField id={id('doctype')} label={t('reg.document_type')} value={m.document_type}
          options={codeOptions('doc', ['UNHCR', 'passport', 'national_id', 'travel_document', 'none'])}
          onChange={(x) => onChange({ document_type: x })} error={err('document_type')} />
        <TextField id={id('docnum')} label={t('reg.document_number')} value={m.document_number}
          onInput={(x) => onChange({ document_number: x })} error={err('document_number')} />
        <TextField id={id('phone')} type="tel" label={t('reg.phone')} value={m.phone}
          onInput={(x) => onChange({ phone: x })} error={err('phone')} />
        <Checkbox id={id('unaccompanied')} label={t('reg.unaccompanied_minor')} checked={m.unaccompanied_minor}
          onChange={(x) => onChange({ unaccompanied_minor: x })} />
        <Checkbox id={id('adoptee')} label={t('reg.adoptee')} checked={m.adoptee} onChange={(x) => onChange({ adoptee: x })} />
        {onRemove && (
          <div class="field">
            <button type="button" class="secondary" onClick={onRemove}>
              {t('reg.remove_member', { n: i + 1 })}
            </button>
          </div>
        )}
      </div>
      <MemberFacts i={i} m={m} err={err} onChange={onChange} today={today} />
    </fieldset>
  );
}

/** The DOM id of a registration field named as the API names it ("members[1].birth_date" → m1-birth_date). */
function fieldId(field: string): string {
  const m = /^members\[(\d+)\]\.(.+)$/.exec(field);
  if (!m) return field;
  const names: Record<string, string> = { country_of_birth: 'birth_country', residence_country: 'residence', countries_lived: 'countries' };
  return `m${m[1]}-${names[m[2]] ?? m[2]}`;
}

/** A country picker: type a code or the country's name in the user's language, or pick from the list. */
function CountryField(p: {
  id: string; label: string; value: string; onInput: (v: string) => void; error?: string; optional?: boolean;
}) {
  const name = countryName(p.value);
  return (
    <div class="field short">
      <label for={p.id}>
        {p.label}
        {!p.optional && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <input id={p.id} name={p.id} list="country-names" value={p.value} autoComplete="off"
        aria-invalid={p.error ? 'true' : undefined} aria-describedby={`${p.id}-hint${p.error ? ` ${p.id}-err` : ''}`}
        onInput={(e) => p.onInput(countryCodeOf((e.currentTarget as HTMLInputElement).value))} />
      <span class="hint" id={`${p.id}-hint`}>{name || (p.value ? t('reg.unknown_country') : t('reg.iso_hint'))}</span>
      {p.error && <span class="field-error" id={`${p.id}-err`} role="alert">{p.error}</span>}
    </div>
  );
}

/** The one list of countries (code, name in the user's language) that every country field offers. */
export function CountryNames() {
  return (
    <datalist id="country-names">
      {countryCodes().map((c) => <option key={c} value={c} label={countryName(c)}>{countryName(c)}</option>)}
    </datalist>
  );
}

// Correct one person's registration details (registrar), until the physician signs: a versioned
// write, so a stale edit shows the conflict and "Reload and keep my input" merges it; once signed,
// the server answers "locked" and the screen says what to do instead.
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { SectionForm } from '../components/SectionForm';
import { t } from '../i18n';
import type { Applicant, Case } from '../types';
import { useDraftForm } from '../useDraftForm';
import { fullName } from './CaseView';
import { factsDraftOf } from './MemberFacts';
import { CountryNames, type MemberDraft, MemberFields, memberBody } from './Registration';

/** The person as the form holds it, phone number included, as the server sent it. */
function draftOf(a: Applicant): MemberDraft {
  return {
    surnames: a.surnames, given_names: a.given_names, birth_date: a.birth_date, birth_date_estimated: a.birth_date_estimated,
    sex: a.sex ?? '', relationship: a.relationship ?? '', nationality: a.nationality ?? '', country_of_birth: a.country_of_birth ?? '',
    residence_country: a.residence_country ?? '', countries_lived: (a.countries_lived ?? []).join(', '),
    document_type: a.document_type ?? '', document_number: a.document_number ?? '', phone: a.phone ?? '',
    unaccompanied_minor: a.unaccompanied_minor ?? false, adoptee: a.adoptee ?? false, ...factsDraftOf(a),
  };
}

interface Props {
  a: Applicant;
  onSaved: (c: Case) => void;
  onReload: () => Promise<boolean>;
  onClose: () => void;
}

export function PersonEdit({ a, onSaved, onReload, onClose }: Props) {
  const form = useDraftForm<MemberDraft>(`applicant.${a.id}.edit`, draftOf(a));
  const errors = form.status.kind === 'error' ? form.status.error.errors : undefined;
  useEffect(() => document.getElementById('m0-surnames')?.focus(), [a.id]);

  const submit = () => {
    void form.submit(async (v) => {
      // file_number is not on the form: send back what the server holds, so it is kept.
      const body = { ...memberBody(v), file_number: a.file_number ?? '', version: a.version };
      onSaved(await api.put<Case>(`/applicants/${encodeURIComponent(a.id)}`, body));
    });
  };

  return (
    <SectionForm id={`person-${a.id}`} title={t('person.title', { name: fullName(a) })} form={form} onSubmit={submit}
      onReload={onReload} submitLabel={t('person.save')} problemWords={{ locked: 'person.locked' }}>
      <CountryNames />
      <MemberFields i={0} m={form.values} errors={errors} errorPrefix="" legend={t('person.details')}
        onChange={(p) => form.set(p)} />
      <button type="button" class="secondary" onClick={onClose}>
        {t('person.close')}
      </button>
    </SectionForm>
  );
}

// The registration form's own checks, run in the browser before anything is sent: each problem is
// named on its field in the user's language (the server checks the same again).
import type { FieldError } from '../api';
import { t } from '../i18n';
import type { MemberDraft } from './Registration';

/** Today's date (YYYY-MM-DD) in a time zone (the site's), for "not after today". */
export function todayIn(timeZone?: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Problems of one member, fields prefixed with `at` ("members[0]." or ""). */
export function checkMember(m: MemberDraft, at: string, today: string): FieldError[] {
  const out: FieldError[] = [];
  const need = (field: string, v: string) => {
    if (!v.trim()) out.push({ field: at + field, code: 'required', message: t('fielderr.required_here') });
  };
  if (!m.surnames.trim() && !m.given_names.trim()) {
    out.push({ field: at + 'surnames', code: 'required', message: t('fielderr.name_required') });
  }
  for (const f of ['surnames', 'given_names'] as const) {
    // The server's rule: Latin letters (accents allowed), spaces, hyphens and apostrophes.
    if (m[f].trim() && !/^[\p{Script=Latin}\p{Mn} '’.-]+$/u.test(m[f].trim())) {
      out.push({ field: at + f, code: 'not_latin', message: t('fielderr.name_latin') });
    }
  }
  need('birth_date', m.birth_date);
  if (m.birth_date && m.birth_date > today) {
    out.push({ field: at + 'birth_date', code: 'in_future', message: t('fielderr.birth_future') });
  }
  need('sex', m.sex);
  need('nationality', m.nationality);
  need('residence_country', m.residence_country);
  return out;
}

// Possible duplicates of one person being registered: the registrar sees who is already registered
// with the same document number, or a similar name and a birth date within a year, with their
// photo, and decides before saving: the same person (the records are linked) or a different
// person (with the reason).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { label, t } from '../i18n';
import type { Duplicate } from '../types';
import { PhotoImage } from './PhotoCapture';
import { fieldError } from './Problem';
import type { FieldError } from '../api';

export interface DuplicateDecision {
  decision: '' | 'same_person' | 'different_person';
  other_id: string;
  reason: string;
}

interface Props {
  i: number;
  person: { surnames: string; given_names: string; birth_date: string; document_number: string };
  decision: DuplicateDecision | undefined;
  onDecision: (d: DuplicateDecision | undefined) => void;
  errors?: FieldError[];
}

export function DuplicatePanel({ i, person, decision, onDecision, errors }: Props) {
  const [found, setFound] = useState<Duplicate[]>([]);
  const { surnames, given_names, birth_date, document_number } = person;

  useEffect(() => {
    const named = (surnames.trim() || given_names.trim()) && /^\d{4}-\d{2}-\d{2}$/.test(birth_date);
    if (!named && !document_number.trim()) {
      setFound([]);
      onDecision(undefined);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      const q = new URLSearchParams({ surnames, given_names, birth_date: named ? birth_date : '', document_number });
      api.get<{ items: Duplicate[] }>('/duplicates?' + q.toString()).then(
        (r) => {
          if (!live) return;
          setFound(r.items);
          if (r.items.length === 0) onDecision(undefined);
        },
        () => live && setFound([]),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [surnames, given_names, birth_date, document_number]);

  if (found.length === 0) return null;
  const d = decision ?? { decision: '', other_id: '', reason: '' };
  const err = fieldError(errors, `members[${i}].duplicate`) ?? fieldError(errors, `members[${i}].duplicate.reason`);
  return (
    <fieldset class="card duplicates" data-testid={`duplicates-${i}`} aria-describedby={`dup-${i}-intro`}>
      <legend>{t('dup.title')}</legend>
      <p id={`dup-${i}-intro`} class="hint">{t('dup.intro')}</p>
      {err && <p class="error" role="alert">{err}</p>}
      <ul class="duplicate-list">
        {found.map((c) => (
          <li key={c.id} data-testid="duplicate">
            <PhotoImage applicantId={c.id} name={c.given_names + ' ' + c.surnames} />
            <div>
              <strong>{c.surnames.toUpperCase()}, {c.given_names}</strong>
              {' — '}{t('dup.born', { date: c.birth_date })}, {t('dup.case', { n: c.case_number })}
              {c.document_number && <> · {c.document_type} {c.document_number}</>}
              <br /><span class="badge warn">{label('dup.match', c.match)}</span>
              <label class="check">
                <input type="radio" name={`dup-${i}`} checked={d.decision === 'same_person' && d.other_id === c.id}
                  onChange={() => onDecision({ decision: 'same_person', other_id: c.id, reason: '' })} />
                {t('dup.same')}
              </label>
            </div>
          </li>
        ))}
      </ul>
      <label class="check">
        <input type="radio" name={`dup-${i}`} id={`dup-${i}-different`} checked={d.decision === 'different_person'}
          onChange={() => onDecision({ decision: 'different_person', other_id: '', reason: d.reason })} />
        {t('dup.different')}
      </label>
      {d.decision === 'different_person' && (
        <div class="field">
          <label for={`dup-${i}-reason`}>{t('dup.reason')}</label>
          <textarea id={`dup-${i}-reason`} value={d.reason} maxLength={500}
            onInput={(e) => onDecision({ ...d, reason: (e.target as HTMLTextAreaElement).value })} />
        </div>
      )}
    </fieldset>
  );
}

/** The decisions as POST /api/cases takes them. */
export function duplicatesBody(ds: Record<number, DuplicateDecision | undefined>) {
  return Object.entries(ds)
    .filter(([, d]) => d && d.decision)
    .map(([i, d]) => ({ member: Number(i), decision: d!.decision, other_id: d!.other_id, reason: d!.reason }));
}

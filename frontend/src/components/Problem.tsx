// An API error in the user's language: our sentence for the error code, the server's detail
// beneath it, and the request id for support when the server failed.
import { ApiError, type FieldError } from '../api';
import { label, t, type Key } from '../i18n';

const sentence: Record<string, Key> = {
  network: 'err.network',
  bad_json: 'err.bad_json',
  validation: 'err.validation',
  unauthenticated: 'err.unauthenticated',
  forbidden: 'err.forbidden',
  csrf_failed: 'err.csrf_failed',
  not_found: 'err.not_found',
  conflict: 'err.conflict',
  precondition_failed: 'err.conflict',
  locked: 'err.locked',
  invalid_state: 'err.invalid_state',
  unavailable: 'err.unavailable',
  duplicate: 'err.duplicate',
  rate_limited: 'err.rate_limited',
  internal: 'err.internal',
  consent_required: 'err.consent_required',
  counselling_required: 'err.counselling_required',
};

export function problemText(err: ApiError, words?: Partial<Record<string, Key>>): string {
  const key = words?.[err.code] ?? sentence[err.code];
  return key ? t(key) : t('err.unknown', { status: err.status });
}

/** words: this screen's own sentence for some codes (e.g. what "locked" means here). */
export function Problem({ error, words }: { error: ApiError | null; words?: Partial<Record<string, Key>> }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" data-code={error.code}>
      <strong>{problemText(error, words)}</strong>
      {error.detail && error.code !== 'network' && <div class="detail">{error.detail}</div>}
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((e) => (
            <li key={e.field + e.code}>
              {fieldName(e.field)}: {e.message || label('fielderr', e.code)}
            </li>
          ))}
        </ul>
      )}
      {error.code === 'internal' && error.requestId && (
        <div class="detail">{t('err.request_id', { id: error.requestId })}</div>
      )}
    </div>
  );
}

/** "members[1].birth_date" → "Member 2 · birth date". */
function fieldName(field: string): string {
  return field.replace(/members\[(\d+)\]\.?/, (_, i: string) => t('reg.member_n', { n: Number(i) + 1 }) + ' · ')
    .replace(/_/g, ' ');
}

/** The message the server gave for one field, by its exact name ("members[1].birth_date"). */
export function fieldError(errors: FieldError[] | undefined, field: string): string | undefined {
  const e = errors?.find((x) => x.field === field);
  return e ? e.message || label('fielderr', e.code) : undefined;
}

// Labelled inputs: every input has a visible label, and a field error is tied to it with
// aria-describedby so screen readers read it with the field.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

let seq = 0;
/** A stable-enough id for label/input pairs when the caller gives none. */
export function uid(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}

interface Base {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

function Described({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && <span class="hint" id={id + '-hint'}>{hint}</span>}
      {error && <span class="field-error" id={id + '-err'} role="alert">{error}</span>}
    </>
  );
}

/** A number as typed: digits with one decimal point or comma, an optional sign. */
export function isNumberText(v: string): boolean {
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(v.trim());
}

/** The app's own words, in the user's language, for why the browser finds a field invalid. */
export function invalidWords(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  const v = el.validity;
  if (v.valueMissing) return t('fielderr.required_here');
  if (v.customError) return el.validationMessage;
  if (v.badInput) return t('fielderr.not_a_number');
  if ((v.rangeUnderflow || v.rangeOverflow) && 'min' in el) return t('fielderr.range', { min: el.min || '—', max: el.max || '—' });
  return t('fielderr.check_here');
}

/**
 * The field's own message when the browser checks the form: the browser's bubble is cancelled
 * and each invalid field says why in the user's language. Cleared when the value changes.
 */
function useInvalid(value: unknown) {
  const [msg, setMsg] = useState('');
  useEffect(() => setMsg(''), [value]);
  const onInvalid = (e: Event) => {
    e.preventDefault();
    setMsg(invalidWords(e.currentTarget as HTMLInputElement));
  };
  return [msg, onInvalid] as const;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? id + '-hint' : '', error ? id + '-err' : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type TextProps = Base & {
  value: string;
  onInput: (v: string) => void;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'password' | 'search' | 'tel';
  step?: string;
  min?: string;
  max?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  size?: 'short' | 'wide';
};

export function TextField(p: TextProps) {
  // A number field is a text field checked as typed: it says when letters were typed instead of
  // the browser silently emptying it; a decimal comma is read as a point.
  const number = p.type === 'number';
  const notNumber = number && p.value.trim() !== '' && !isNumberText(p.value);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.setCustomValidity(notNumber ? t('fielderr.not_a_number') : ''), [notNumber]);
  const [invalid, onInvalid] = useInvalid(p.value);
  const error = p.error || (notNumber ? t('fielderr.not_a_number') : '') || invalid || undefined;
  return (
    <div class={'field ' + (p.size ?? '')}>
      <label for={p.id}>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <input
        ref={ref}
        id={p.id}
        name={p.id}
        type={(number ? 'text' : p.type ?? 'text') as 'text'}
        data-number={number ? '' : undefined}
        value={p.value}
        step={p.step}
        min={p.min}
        max={p.max}
        required={p.required}
        disabled={p.disabled}
        autoComplete={p.autoComplete ?? 'off'}
        inputMode={p.inputMode ?? (number ? 'decimal' : undefined)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.id, error, p.hint)}
        onInvalid={onInvalid}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLInputElement).value;
          p.onInput(number ? v.replace(',', '.') : v);
        }}
      />
      <Described id={p.id} error={error} hint={p.hint} />
    </div>
  );
}

export function TextArea(p: Base & { value: string; onInput: (v: string) => void; rows?: number }) {
  const [invalid, onInvalid] = useInvalid(p.value);
  const error = p.error || invalid || undefined;
  return (
    <div class="field wide">
      <label for={p.id}>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <textarea
        id={p.id}
        name={p.id}
        rows={p.rows ?? 3}
        value={p.value}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.id, error, p.hint)}
        onInvalid={onInvalid}
        onInput={(e) => p.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <Described id={p.id} error={error} hint={p.hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  p: Base & { value: string; onChange: (v: string) => void; options: Option[]; placeholder?: string },
) {
  const [invalid, onInvalid] = useInvalid(p.value);
  const error = p.error || invalid || undefined;
  return (
    <div class="field">
      <label for={p.id}>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        required={p.required}
        disabled={p.disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.id, error, p.hint)}
        onInvalid={onInvalid}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={p.id} error={error} hint={p.hint} />
    </div>
  );
}

export function Checkbox(p: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="field check">
      <input
        id={p.id}
        name={p.id}
        type="checkbox"
        checked={p.checked}
        disabled={p.disabled}
        aria-describedby={describedBy(p.id, p.error, p.hint)}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={p.id}>{p.label}</label>
      <Described id={p.id} error={p.error} hint={p.hint} />
    </div>
  );
}

/** A yes/no question as a radio group; null means not answered yet. */
export function YesNo(
  p: Base & { value: boolean | null; onChange: (v: boolean) => void; children?: ComponentChildren },
) {
  return (
    <fieldset class="yesno" aria-describedby={describedBy(p.id, p.error, p.hint)}>
      <legend>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </legend>
      <label>
        <input
          type="radio"
          name={p.id}
          id={p.id + '-yes'}
          checked={p.value === true}
          disabled={p.disabled}
          onChange={() => p.onChange(true)}
        />
        {t('common.yes')}
      </label>
      <label>
        <input
          type="radio"
          name={p.id}
          id={p.id + '-no'}
          checked={p.value === false}
          disabled={p.disabled}
          onChange={() => p.onChange(false)}
        />
        {t('common.no')}
      </label>
      {p.children}
      <Described id={p.id} error={p.error} hint={p.hint} />
    </fieldset>
  );
}

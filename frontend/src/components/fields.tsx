// Labelled inputs: every input has a visible label, and a field error is tied to it with
// aria-describedby so screen readers read it with the field.
import type { ComponentChildren } from 'preact';
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
  return (
    <div class={'field ' + (p.size ?? '')}>
      <label for={p.id}>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      <input
        id={p.id}
        name={p.id}
        type={(p.type ?? 'text') as 'text'}
        value={p.value}
        step={p.step}
        min={p.min}
        max={p.max}
        required={p.required}
        disabled={p.disabled}
        autoComplete={p.autoComplete ?? 'off'}
        inputMode={p.inputMode}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.error, p.hint)}
        onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      <Described id={p.id} error={p.error} hint={p.hint} />
    </div>
  );
}

export function TextArea(p: Base & { value: string; onInput: (v: string) => void; rows?: number }) {
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
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.error, p.hint)}
        onInput={(e) => p.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <Described id={p.id} error={p.error} hint={p.hint} />
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
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.id, p.error, p.hint)}
        onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={p.id} error={p.error} hint={p.hint} />
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

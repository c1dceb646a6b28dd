// Small phrases built from the catalogs: a form named in words, and a waiting time.
import { hasKey, t } from './i18n';

/** "Form 501 — Medical examination for an Australian visa"; the bare id for an unknown form. */
export function formName(formType: string): string {
  const key = `formname.${formType}`;
  return hasKey(key) ? t('verify.form_named', { form: formType, name: t(key) }) : formType;
}

/** How long someone has waited since `since`: "12 min", "1 h 5 min", "2 d". */
export function waitingFor(since: string | null | undefined, now: number = Date.now()): string {
  if (!since) return '—';
  const min = Math.floor((now - Date.parse(since)) / 60_000);
  if (!Number.isFinite(min)) return '—';
  if (min < 1) return t('wait.now');
  if (min < 60) return t('wait.min', { n: min });
  if (min < 48 * 60) return t('wait.hours', { h: Math.floor(min / 60), m: min % 60 });
  return t('wait.days', { n: Math.floor(min / 1440) });
}

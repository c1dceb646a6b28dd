// Unsaved form input kept in localStorage per user, chart and section, so a dropped network, a
// reload or a stale-version conflict never loses what a nurse typed.

export interface Draft<T> {
  /** The server's values the edit started from: what "changed by me" is measured against. */
  base: T;
  /** What the user has typed. */
  values: T;
  savedAt: string;
}

const PREFIX = 'mhac.draft.v1.';
/** A draft older than this is dropped: it belongs to a visit long over. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

let owner = 'anonymous';

/** Scope drafts to the signed-in user, so one user never sees another's unsaved input. */
export function setDraftOwner(username: string): void {
  owner = username || 'anonymous';
}

function storageKey(scope: string): string {
  return PREFIX + owner + '.' + scope;
}

function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadDraft<T>(scope: string, now = Date.now()): Draft<T> | null {
  const s = store();
  if (!s) return null;
  const raw = s.getItem(storageKey(scope));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Draft<T>;
    if (!d || typeof d !== 'object' || !('values' in d) || !('base' in d)) throw new Error('shape');
    if (now - Date.parse(d.savedAt) > MAX_AGE_MS) {
      s.removeItem(storageKey(scope));
      return null;
    }
    return d;
  } catch {
    s.removeItem(storageKey(scope));
    return null;
  }
}

export function saveDraft<T>(scope: string, base: T, values: T, now = new Date()): void {
  const d: Draft<T> = { base, values, savedAt: now.toISOString() };
  try {
    store()?.setItem(storageKey(scope), JSON.stringify(d));
  } catch {
    // Storage full or blocked: the input stays in memory for this page.
  }
}

export function clearDraft(scope: string): void {
  store()?.removeItem(storageKey(scope));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Three-way merge by top-level field: a field the user changed (mine differs from base) keeps
 * the user's value; every other field takes the server's newest value (theirs).
 */
export function mergeValues<T extends object>(base: T, mine: T, theirs: T): T {
  const out: Record<string, unknown> = { ...(theirs as Record<string, unknown>) };
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  for (const k of Object.keys(m)) {
    if (!same(m[k], b[k])) out[k] = m[k];
  }
  return out as T;
}

/** Fields both the user and someone else changed, to point the user at them after a reload. */
export function clashes<T extends object>(base: T, mine: T, theirs: T): string[] {
  const b = base as Record<string, unknown>;
  const m = mine as Record<string, unknown>;
  const th = theirs as Record<string, unknown>;
  return Object.keys(m).filter((k) => !same(m[k], b[k]) && !same(th[k], b[k]) && !same(m[k], th[k]));
}

export function isDirty<T>(base: T, values: T): boolean {
  return !same(base, values);
}

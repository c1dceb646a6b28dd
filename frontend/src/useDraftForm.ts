// Form state that survives reloads and stale writes: every keystroke goes to the draft store,
// a new server record is merged under the user's edits, and a 409 keeps the input.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { clashes, clearDraft, isDirty, loadDraft, mergeValues, saveDraft } from './drafts';

export type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'invalid'; message: string }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'reloaded'; clashes: string[] };

interface State<T> {
  base: T;
  values: T;
  restoredAt: string | null;
}

export interface DraftForm<T> {
  values: T;
  set: (patch: Partial<T>) => void;
  dirty: boolean;
  restoredAt: string | null;
  status: Status;
  setStatus: (s: Status) => void;
  /** Drop the user's input and go back to the server's values. */
  discard: () => void;
  /** Run send(values); on success the draft is cleared, on failure the input stays. */
  submit: (send: (values: T) => Promise<unknown>) => Promise<boolean>;
}

export function useDraftForm<T extends object>(scope: string, server: T): DraftForm<T> {
  const serverJson = JSON.stringify(server);
  const [st, setSt] = useState<State<T>>(() => {
    const d = loadDraft<T>(scope);
    if (!d) return { base: server, values: server, restoredAt: null };
    return { base: server, values: mergeValues(d.base, d.values, server), restoredAt: d.savedAt };
  });
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const last = useRef(serverJson);
  const statusRef = useRef(status);
  statusRef.current = status;

  const stRef = useRef(st);
  stRef.current = st;

  // A newer server record (after a save, a reload or another section's save): rebase the edits.
  useEffect(() => {
    if (serverJson === last.current) return;
    last.current = serverJson;
    const s = stRef.current;
    const values = mergeValues(s.base, s.values, server);
    const st = statusRef.current.kind;
    if (st === 'conflict' || st === 'reloaded') {
      setStatus({ kind: 'reloaded', clashes: clashes(s.base, s.values, server) });
    }
    if (isDirty(server, values)) saveDraft(scope, server, values);
    else clearDraft(scope);
    setSt({ ...s, base: server, values });
  }, [serverJson]);

  const set = (patch: Partial<T>) =>
    setSt((s) => {
      const values = { ...s.values, ...patch };
      saveDraft(scope, s.base, values);
      return { ...s, values };
    });

  const discard = () => {
    clearDraft(scope);
    setSt((s) => ({ base: s.base, values: s.base, restoredAt: null }));
    setStatus({ kind: 'idle' });
  };

  const submit = async (send: (values: T) => Promise<unknown>) => {
    setStatus({ kind: 'saving' });
    try {
      await send(st.values);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
      setStatus(err.isConflict ? { kind: 'conflict', error: err } : { kind: 'error', error: err });
      return false;
    }
    clearDraft(scope);
    setSt((s) => ({ base: s.values, values: s.values, restoredAt: null }));
    setStatus({ kind: 'saved' });
    return true;
  };

  return {
    values: st.values,
    set,
    dirty: isDirty(st.base, st.values),
    restoredAt: st.restoredAt,
    status,
    setStatus,
    discard,
    submit,
  };
}

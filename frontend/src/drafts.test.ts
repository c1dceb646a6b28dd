import { beforeEach, describe, expect, it } from 'vitest';
import { clashes, clearDraft, isDirty, loadDraft, mergeValues, saveDraft, setDraftOwner } from './drafts';

// A Map-backed Storage: vitest runs in node, which has no localStorage of its own.
class MemoryStorage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.has(k) ? this.m.get(k)! : null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
  setDraftOwner('nurse');
});

describe('draft store', () => {
  it('keeps what was typed until cleared', () => {
    saveDraft('a1.vitals', { pulse: '' }, { pulse: '72' });
    expect(loadDraft<{ pulse: string }>('a1.vitals')?.values).toEqual({ pulse: '72' });
    clearDraft('a1.vitals');
    expect(loadDraft('a1.vitals')).toBeNull();
  });

  it('keeps one user from seeing another user\'s draft', () => {
    saveDraft('a1.vitals', {}, { pulse: '72' });
    setDraftOwner('physician');
    expect(loadDraft('a1.vitals')).toBeNull();
    setDraftOwner('nurse');
    expect(loadDraft('a1.vitals')).not.toBeNull();
  });

  it('drops drafts older than a week and unreadable ones', () => {
    const old = new Date('2026-01-01T00:00:00Z');
    saveDraft('a1.history', {}, { fever: true }, old);
    expect(loadDraft('a1.history', old.getTime() + 8 * 24 * 3600 * 1000)).toBeNull();
    localStorage.setItem('mhac.draft.v1.nurse.broken', '{not json');
    expect(loadDraft('broken')).toBeNull();
    expect(localStorage.getItem('mhac.draft.v1.nurse.broken')).toBeNull();
  });
});

describe('mergeValues', () => {
  const base = { height: '170', weight: '60', pulse: '70' };

  it('keeps my changed fields and takes theirs for the rest', () => {
    const mine = { ...base, weight: '62' };
    const theirs = { ...base, pulse: '88', height: '171' };
    expect(mergeValues(base, mine, theirs)).toEqual({ height: '171', weight: '62', pulse: '88' });
  });

  it('prefers my value where both changed, and reports the clash', () => {
    const mine = { ...base, pulse: '75' };
    const theirs = { ...base, pulse: '90' };
    expect(mergeValues(base, mine, theirs).pulse).toBe('75');
    expect(clashes(base, mine, theirs)).toEqual(['pulse']);
  });

  it('compares nested values by content', () => {
    type V = { fever: { answer: boolean | null; details: string } };
    const b: V = { fever: { answer: null, details: '' } };
    const m: V = { fever: { answer: true, details: '3 days' } };
    const th: V = { fever: { answer: null, details: '' } };
    expect(mergeValues(b, m, th)).toEqual(m);
    expect(clashes(b, m, th)).toEqual([]);
    expect(isDirty(b, m)).toBe(true);
    expect(isDirty(b, { fever: { answer: null, details: '' } })).toBe(false);
  });
});

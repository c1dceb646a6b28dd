import { describe, expect, it } from 'vitest';
import type { Form } from '../types';
import { reissueOf } from './reissue';

const form = (id: string, form_type: string, status: Form['status'], issued_at: string | null, superseded_by?: string): Form =>
  ({ id, form_type, status, issued_at, sha256: '', verify_url: '', superseded_by });

describe('reissueOf', () => {
  const old = form('a', 'DS-2054', 'superseded', '2026-11-20T10:00:00Z', 'snap-2');
  it('is the valid form of the same type issued later', () => {
    const forms = [
      old,
      form('b', 'DS-3025', 'valid', '2026-11-21T10:00:00Z'),
      form('c', 'DS-2054', 'revoked', '2026-11-21T10:00:00Z'),
      form('d', 'DS-2054', 'valid', '2026-11-22T10:00:00Z'),
      form('e', 'DS-2054', 'valid', '2026-11-19T10:00:00Z'),
    ];
    expect(reissueOf(old, forms)?.id).toBe('d');
  });

  it('is nothing when the reissue is not in the list, or the form is not superseded', () => {
    expect(reissueOf(old, [old, form('p', 'DS-2054', 'pending', null)])).toBeUndefined();
    const valid = form('v', 'DS-2054', 'valid', '2026-11-20T10:00:00Z');
    expect(reissueOf(valid, [valid, form('d', 'DS-2054', 'valid', '2026-11-22T10:00:00Z')])).toBeUndefined();
  });
});

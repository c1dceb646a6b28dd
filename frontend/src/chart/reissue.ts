// Which form replaced a superseded one. The API says that a form was superseded and by which
// snapshot (superseded_by), but a form does not carry its own snapshot id: the reissue is the
// valid form of the same type issued after it.
import type { Form } from '../types';

/** The valid form of f's type issued after f (the newest, if several), or undefined. */
export function reissueOf(f: Form, forms: Form[]): Form | undefined {
  if (f.status !== 'superseded' || !f.issued_at) return undefined;
  const after = Date.parse(f.issued_at);
  let best: Form | undefined;
  for (const x of forms) {
    if (x.id === f.id || x.form_type !== f.form_type || x.status !== 'valid' || !x.issued_at) continue;
    const at = Date.parse(x.issued_at);
    if (at > after && (!best || at > Date.parse(best.issued_at!))) best = x;
  }
  return best;
}

// Who is signed in, what each role may open, and where each role starts its day.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Key } from './i18n';
import type { Role, User } from './types';

export const UserContext = createContext<User | null>(null);

export function useUser(): User {
  const u = useContext(UserContext);
  if (!u) throw new Error('useUser outside a signed-in page');
  return u;
}

export interface NavItem {
  href: string;
  key: Key;
}

/** The nav shows only what the role may use; the server checks the same roles on every call. */
export const navByRole: Record<Role, NavItem[]> = {
  registrar: [
    { href: '/register', key: 'nav.register' },
    { href: '/import', key: 'nav.import' },
    { href: '/cases', key: 'nav.cases' },
  ],
  nurse: [
    { href: '/worklist/nurse', key: 'nav.worklist_nurse' },
    { href: '/worklist/pec', key: 'nav.worklist_pec' },
    { href: '/cases', key: 'nav.cases' },
    { href: '/lab', key: 'nav.lab' },
    { href: '/dot', key: 'nav.dot' },
    { href: '/vaccine-supply', key: 'nav.supply' },
  ],
  lab: [
    { href: '/worklist/lab', key: 'nav.worklist_lab' },
    { href: '/lab', key: 'nav.lab' },
  ],
  radiology: [
    { href: '/worklist/radiology', key: 'nav.worklist_radiology' },
    { href: '/radiology', key: 'nav.radiology_studies' },
  ],
  physician: [
    { href: '/worklist/physician', key: 'nav.worklist_physician' },
    { href: '/worklist/pec', key: 'nav.worklist_pec' },
    { href: '/cases', key: 'nav.cases' },
    { href: '/dashboard', key: 'nav.dashboard' },
    { href: '/reports', key: 'nav.reports' },
    { href: '/dot', key: 'nav.dot' },
    { href: '/referrals', key: 'nav.referrals' },
  ],
  caseworker: [
    { href: '/board', key: 'nav.board' },
    { href: '/flights', key: 'nav.flights' },
    { href: '/flights/import', key: 'nav.manifest' },
    { href: '/cases', key: 'nav.cases' },
  ],
  panel: [{ href: '/panel', key: 'nav.panel' }],
  admin: [
    { href: '/admin', key: 'nav.admin' },
    { href: '/cases', key: 'nav.cases' },
    { href: '/dashboard', key: 'nav.dashboard' },
    { href: '/reports', key: 'nav.reports' },
    { href: '/vaccine-supply', key: 'nav.supply' },
  ],
};

export function homeOf(role: Role): string {
  return navByRole[role]?.[0]?.href ?? '/';
}

/** Worklist stations each role may open. */
export const stationsByRole: Partial<Record<Role, string[]>> = {
  nurse: ['nurse', 'pec'],
  lab: ['lab'],
  radiology: ['radiology'],
  physician: ['physician', 'pec', 'nurse', 'lab', 'radiology'],
};

/** Whether the server lists a permission in a record's `can` (what the logged-in user may do on
 * it now); the server computes it from its one table of roles, so the screen never re-derives it. */
export function can(record: { can?: string[] } | null | undefined, permission: string): boolean {
  return !!record?.can?.includes(permission);
}

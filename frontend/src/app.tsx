// The shell: session check, the page chosen by the path, and the header with the role's nav.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, request, setCsrfToken, setUnauthenticatedHandler } from './api';
import { setDraftOwner } from './drafts';
import { label, lang as currentLang, languages, onLangChange, setLang, setSiteTimeZone, t, type Lang } from './i18n';
import { Link, Redirect, match, navigate, usePath } from './router';
import { UserContext, homeOf, navByRole } from './session';
import type { Role, Session, User } from './types';
import { Admin } from './pages/Admin';
import { Board } from './pages/Board';
import { FlightBoard, Flights } from './pages/Flights';
import { Reports } from './pages/Reports';
import { DotStation } from './pages/Dot';
import { Referrals } from './pages/Referrals';
import { Dashboard } from './pages/Dashboard';
import { ManifestImport } from './pages/ManifestImport';
import { CaseImport } from './pages/CaseImport';
import { CaseSearch } from './pages/CaseSearch';
import { CaseView } from './pages/CaseView';
import { ChartPage } from './chart/ChartPage';
import { Lab } from './pages/Lab';
import { Login } from './pages/Login';
import { Panel } from './pages/Panel';
import { RadiologyWorklist, StudyView } from './pages/Radiology';
import { Registration } from './pages/Registration';
import { VaccineSupply } from './pages/VaccineSupply';
import { Verify } from './pages/Verify';
import { Worklist } from './pages/Worklist';

interface Route {
  pattern: string;
  roles: Role[];
  render: (p: Record<string, string>) => JSX.Element;
}

const routes: Route[] = [
  { pattern: '/register', roles: ['registrar'], render: () => <Registration /> },
  { pattern: '/import', roles: ['registrar'], render: () => <CaseImport /> },
  { pattern: '/cases', roles: ['registrar', 'nurse', 'physician', 'caseworker', 'admin'], render: () => <CaseSearch /> },
  {
    pattern: '/cases/:id',
    roles: ['registrar', 'nurse', 'physician', 'caseworker', 'admin'],
    render: (p) => <CaseView id={p.id} />,
  },
  {
    pattern: '/worklist/:station',
    roles: ['nurse', 'lab', 'radiology', 'physician'],
    render: (p) => <Worklist station={p.station} />,
  },
  { pattern: '/chart/:id', roles: ['nurse', 'lab', 'radiology', 'physician', 'admin'], render: (p) => <ChartPage id={p.id} /> },
  { pattern: '/lab', roles: ['lab', 'nurse'], render: () => <Lab /> },
  { pattern: '/board', roles: ['caseworker'], render: () => <Board /> },
  { pattern: '/flights', roles: ['caseworker'], render: () => <Flights /> },
  { pattern: '/flights/import', roles: ['caseworker', 'registrar'], render: () => <ManifestImport /> },
  { pattern: '/flights/:id', roles: ['caseworker'], render: (p) => <FlightBoard id={p.id} /> },
  { pattern: '/referrals', roles: ['nurse', 'physician'], render: () => <Referrals /> },
  { pattern: '/dot', roles: ['nurse', 'physician'], render: () => <DotStation /> },
  { pattern: '/reports', roles: ['physician', 'admin'], render: () => <Reports /> },
  { pattern: '/dashboard', roles: ['physician', 'admin'], render: () => <Dashboard /> },
  { pattern: '/panel', roles: ['panel'], render: () => <Panel /> },
  { pattern: '/radiology', roles: ['radiology', 'physician'], render: () => <RadiologyWorklist /> },
  { pattern: '/radiology/:id', roles: ['radiology', 'physician'], render: (p) => <StudyView id={p.id} /> },
  { pattern: '/admin', roles: ['admin'], render: () => <Admin /> },
  { pattern: '/vaccine-supply', roles: ['nurse', 'physician', 'admin'], render: () => <VaccineSupply /> },
];

export function App() {
  const path = usePath();
  const [, setLangState] = useState<Lang>(currentLang());
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => onLangChange(setLangState), []);
  useEffect(() => {
    document.documentElement.lang = currentLang();
    setUnauthenticatedHandler(() => setUser(null));
    request<Session>('GET', '/session', { quiet401: true })
      .then(signIn)
      .catch(() => setUser(null));
  }, []);
  // Move focus to the page on navigation, so keyboard and screen-reader users start at its top.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path.split('?')[0]]);

  function signIn(s: Session) {
    setCsrfToken(s.csrf_token);
    setDraftOwner(s.user.username);
    setSiteTimeZone(s.user.site?.timezone);
    setUser(s.user);
  }

  const verify = match('/verify/:token', path);
  if (verify) {
    return (
      <Frame user={null} onLogout={() => {}}>
        <Verify token={verify.token} />
      </Frame>
    );
  }
  if (user === undefined) {
    return (
      <Frame user={null} onLogout={() => {}}>
        <p role="status">{t('common.loading')}</p>
      </Frame>
    );
  }
  if (user === null) {
    return (
      <Frame user={null} onLogout={() => {}}>
        <Login
          onSignedIn={(s) => {
            signIn(s);
            const p = path.split('?')[0];
            if (p === '/' || p === '/login') navigate(homeOf(s.user.role), true);
          }}
        />
      </Frame>
    );
  }

  const logout = async () => {
    try {
      await api.del('/session');
    } finally {
      setCsrfToken('');
      setUser(null);
      navigate('/login', true);
    }
  };

  return (
    <UserContext.Provider value={user}>
      <Frame user={user} onLogout={logout}>
        <Page user={user} path={path} />
      </Frame>
    </UserContext.Provider>
  );
}

function Page({ user, path }: { user: User; path: string }) {
  const p = path.split('?')[0];
  if (p === '/' || p === '/login') {
    return <Redirect to={homeOf(user.role)} />;
  }
  for (const r of routes) {
    const params = match(r.pattern, p);
    if (!params) continue;
    if (!r.roles.includes(user.role)) return <p class="alert warn">{t('err.not_for_role')}</p>;
    return r.render(params);
  }
  return <p class="alert warn">{t('err.no_page')}</p>;
}

function Frame({ user, onLogout, children }: { user: User | null; onLogout: () => void; children: JSX.Element | null }) {
  const path = usePath();
  return (
    <>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <span class="brand">{t('app.name')}</span>
        {user && (
          <nav aria-label={t('nav.label')}>
            {navByRole[user.role].map((n) => (
              <Link key={n.href} href={n.href} aria-current={path.startsWith(n.href) ? 'page' : undefined}>
                {t(n.key)}
              </Link>
            ))}
          </nav>
        )}
        <span class="spacer" />
        {user && (
          <span class="who">
            {user.name} · {label('role', user.role)}
            {user.country ? ' ' + user.country : ''}
            {user.site ? ' · ' + user.site.name : ''}
          </span>
        )}
        <label class="lang">
          <span class="sr-only">{t('nav.language')}</span>
          <select value={currentLang()} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {user && (
          <button type="button" class="secondary" onClick={onLogout}>
            {t('nav.logout')}
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

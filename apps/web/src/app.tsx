// The shell: sign-in for a tab without a token, otherwise the header (tenant, pages,
// sign out) around the page the URL names.
import { FormEvent, useEffect, useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { ErrorState, Link, Loading } from './components';
import { navigate, useRoute } from './navigation';
import { ME, SIGN_IN, SIGN_OUT, SIGN_UP } from './operations';
import { href, NO_FILTERS, Route, tenantOf } from './routes';
import { clearToken, getToken, setToken } from './session';
import { PortfolioPage } from './pages/portfolio';
import { TrendPage } from './pages/trend';
import { ProjectsPage } from './pages/projects';
import { ProjectPage } from './pages/project';
import { StandardsPage } from './pages/standards';

export function App() {
  const route = useRoute();
  const signedIn = getToken() !== null;
  useEffect(() => {
    if (!signedIn && route.page !== 'signin' && route.page !== 'signup') {
      navigate({ page: 'signin', ...(route.page !== 'home' && { next: location.pathname + location.search }) }, { replace: true });
    }
  }, [signedIn, route]);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · PMO Hub`;
  }, [route.page]);
  if (route.page === 'signin' || route.page === 'signup') return <SignIn route={route} />;
  if (!signedIn) return null;
  return <Shell route={route} />;
}

const TITLES: Record<Route['page'], string> = {
  signin: 'Sign in',
  signup: 'Sign up',
  home: 'Home',
  portfolio: 'Portfolio',
  trend: 'Trend',
  projects: 'Projects',
  project: 'Project',
  standards: 'Standards',
  notfound: 'Not found',
};

function SignIn({ route }: { route: Extract<Route, { page: 'signin' | 'signup' }> }) {
  const client = useApolloClient();
  const [signIn, signingIn] = useMutation(SIGN_IN);
  const [signUp, signingUp] = useMutation(SIGN_UP);
  const [failure, setFailure] = useState<string | null>(null);
  const creating = route.page === 'signup';
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    setFailure(null);
    try {
      const token = creating
        ? (await signUp({ variables: { input: { email, password, organizationName: String(form.get('organization')) } } })).data?.signUp.token
        : (await signIn({ variables: { input: { email, password } } })).data?.login.token;
      if (!token) throw new Error('no token');
      setToken(token);
      await client.clearStore();
      navigate(route.page === 'signin' && route.next ? route.next : '/', { replace: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      setFailure(creating ? `Could not create the organization: ${message}` : 'Sign-in failed: check the email and the password.');
    }
  };
  const busy = signingIn.loading || signingUp.loading;
  return (
    <main className="signin">
      <h1>PMO Hub</h1>
      <form onSubmit={(event) => void submit(event)} aria-labelledby="signin-title">
        <h2 id="signin-title">{creating ? 'Create an organization' : 'Sign in'}</h2>
        {creating && (
          <label>
            Organization
            <input name="organization" required autoComplete="organization" />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          Password
          <input name="password" type="password" required minLength={creating ? 12 : undefined} autoComplete={creating ? 'new-password' : 'current-password'} />
        </label>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {creating ? 'Sign up' : 'Sign in'}
        </button>
        <p>{creating ? <Link to={{ page: 'signin' }}>I have an account: sign in</Link> : <Link to={{ page: 'signup' }}>New organization? Sign up</Link>}</p>
      </form>
    </main>
  );
}

const PAGES = [
  { page: 'portfolio', label: 'Portfolio' },
  { page: 'trend', label: 'Trend' },
  { page: 'projects', label: 'Projects' },
  { page: 'standards', label: 'Standards' },
] as const;

function pageAt(page: (typeof PAGES)[number]['page'], tenantId: string): Route {
  return page === 'projects' ? { page, tenantId, filters: NO_FILTERS } : { page, tenantId };
}

function Shell({ route }: { route: Route }) {
  const client = useApolloClient();
  const { data, error } = useQuery(ME);
  const [signOut] = useMutation(SIGN_OUT);
  const tenants = (data?.me.memberships ?? []).filter((m) => m.status === 'ACTIVE').map((m) => m.tenant);
  const tenantId = tenantOf(route);
  const home = tenants.slice().sort((a, b) => a.depth - b.depth)[0];
  useEffect(() => {
    if (route.page === 'home' && home) navigate({ page: 'portfolio', tenantId: home.id }, { replace: true });
  }, [route.page, home]);
  const leave = async () => {
    try {
      await signOut();
    } finally {
      clearToken();
      await client.clearStore();
      navigate({ page: 'signin' });
    }
  };
  const switchTenant = (id: string) => {
    const page = route.page === 'trend' || route.page === 'projects' || route.page === 'standards' ? route.page : 'portfolio';
    navigate(pageAt(page, id));
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">PMO Hub</span>
        {tenantId && (
          <nav aria-label="Pages">
            <ul>
              {PAGES.map((p) => (
                <li key={p.page}>
                  <Link to={pageAt(p.page, tenantId)} current={route.page === p.page || (p.page === 'projects' && route.page === 'project')}>
                    {p.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {tenants.length > 0 && (
          <label className="switcher">
            PMO
            <select value={tenants.some((t) => t.id === tenantId) ? (tenantId ?? '') : ''} onChange={(e) => switchTenant(e.target.value)}>
              {!tenants.some((t) => t.id === tenantId) && <option value="">A PMO below yours</option>}
              {tenants.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="who">{data?.me.email}</span>
        <button type="button" onClick={() => void leave()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {error ? <ErrorState error={error} what="your account" /> : <Page route={route} hasTenants={tenants.length > 0} loaded={!!data} />}
      </main>
    </>
  );
}

function Page({ route, hasTenants, loaded }: { route: Route; hasTenants: boolean; loaded: boolean }) {
  switch (route.page) {
    case 'portfolio':
      return <PortfolioPage key={route.tenantId} route={route} />;
    case 'trend':
      return <TrendPage key={route.tenantId} route={route} />;
    case 'projects':
      return <ProjectsPage key={route.tenantId} route={route} />;
    case 'project':
      return <ProjectPage key={route.projectId} route={route} />;
    case 'standards':
      return <StandardsPage route={route} />;
    case 'home':
      return !loaded ? (
        <Loading what="your organizations" />
      ) : hasTenants ? null : (
        <p className="empty">You hold no role at any PMO yet: accept an invitation, or sign up a new organization.</p>
      );
    default:
      return (
        <div>
          <h1>Page not found</h1>
          <p>
            There is no page at this address. <a href={href({ page: 'home' })}>Go to your portfolio</a>.
          </p>
        </div>
      );
  }
}

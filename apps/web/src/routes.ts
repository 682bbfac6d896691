// Every page has its URL: the page, the tenant and the page's choices (period, KPI,
// filters) live in the path and the query string, so a reload or a shared link shows the
// same view and the back button returns to the previous one.
import { isPeriod } from './format';
import type { Rag } from './rag';

export const PROJECT_STATES = ['PROPOSED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED'] as const;
export type ProjectStateName = (typeof PROJECT_STATES)[number];
export const PROJECT_SORTS = ['CODE_ASC', 'CODE_DESC', 'NAME_ASC', 'NAME_DESC', 'CREATED_AT_DESC', 'CREATED_AT_ASC'] as const;
export type ProjectSortName = (typeof PROJECT_SORTS)[number];
const RAGS: Rag[] = ['RED', 'AMBER', 'GREEN'];

export interface ProjectFilters {
  states: ProjectStateName[];
  rags: Rag[];
  text: string;
  programId: string | null;
  sort: ProjectSortName;
}

export type Route =
  | { page: 'signin'; next?: string }
  | { page: 'signup' }
  | { page: 'home' }
  | { page: 'portfolio'; tenantId: string; period?: string }
  | { page: 'trend'; tenantId: string; kpi?: string; to?: string }
  | { page: 'projects'; tenantId: string; filters: ProjectFilters }
  | { page: 'project'; tenantId: string; projectId: string; period?: string }
  | { page: 'standards'; tenantId: string }
  | { page: 'notfound' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KPI_KEY = /^[a-z][a-z0-9_]{1,62}$/;

export const NO_FILTERS: ProjectFilters = { states: [], rags: [], text: '', programId: null, sort: 'CODE_ASC' };

function oneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** The route a URL names; ids that are not UUIDs and unknown paths name no page. */
export function parseRoute(pathname: string, search: string): Route {
  const query = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'home' };
  if (parts.length === 1 && parts[0] === 'signin') {
    const next = query.get('next');
    // Only a path of this app: a link must not send a fresh sign-in elsewhere.
    return next && next.startsWith('/') && !next.startsWith('//') ? { page: 'signin', next } : { page: 'signin' };
  }
  if (parts.length === 1 && parts[0] === 'signup') return { page: 'signup' };
  if (parts[0] !== 't' || parts.length < 3 || !UUID.test(parts[1])) return { page: 'notfound' };
  const tenantId = parts[1].toLowerCase();
  const period = query.get('period');
  const rest = parts.slice(2);
  if (rest.length === 1 && rest[0] === 'portfolio') return { page: 'portfolio', tenantId, ...(isPeriod(period) && { period }) };
  if (rest.length === 1 && rest[0] === 'trend') {
    const kpi = query.get('kpi');
    const to = query.get('to');
    return { page: 'trend', tenantId, ...(kpi && KPI_KEY.test(kpi) && { kpi }), ...(isPeriod(to) && { to }) };
  }
  if (rest.length === 1 && rest[0] === 'projects') return { page: 'projects', tenantId, filters: parseFilters(query) };
  if (rest.length === 2 && rest[0] === 'projects' && UUID.test(rest[1])) {
    return { page: 'project', tenantId, projectId: rest[1].toLowerCase(), ...(isPeriod(period) && { period }) };
  }
  if (rest.length === 1 && rest[0] === 'standards') return { page: 'standards', tenantId };
  return { page: 'notfound' };
}

function parseFilters(query: URLSearchParams): ProjectFilters {
  const list = (name: string) => (query.get(name) ?? '').split(',').filter(Boolean);
  const sort = query.get('sort') ?? '';
  const program = query.get('program') ?? '';
  return {
    states: list('state').filter((s): s is ProjectStateName => oneOf(PROJECT_STATES, s)),
    rags: list('rag').filter((r): r is Rag => oneOf(RAGS, r)),
    text: (query.get('q') ?? '').slice(0, 200),
    programId: UUID.test(program) ? program.toLowerCase() : null,
    sort: oneOf(PROJECT_SORTS, sort) ? sort : 'CODE_ASC',
  };
}

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The URL of a route: parseRoute(href(route)) gives the route back. */
export function href(route: Route): string {
  switch (route.page) {
    case 'signin':
      return withQuery('/signin', { next: route.next });
    case 'signup':
      return '/signup';
    case 'home':
      return '/';
    case 'notfound':
      return '/not-found';
    case 'portfolio':
      return withQuery(`/t/${route.tenantId}/portfolio`, { period: route.period });
    case 'trend':
      return withQuery(`/t/${route.tenantId}/trend`, { kpi: route.kpi, to: route.to });
    case 'projects': {
      const f = route.filters;
      return withQuery(`/t/${route.tenantId}/projects`, {
        state: f.states.join(','),
        rag: f.rags.join(','),
        q: f.text,
        program: f.programId ?? undefined,
        sort: f.sort === 'CODE_ASC' ? undefined : f.sort,
      });
    }
    case 'project':
      return withQuery(`/t/${route.tenantId}/projects/${route.projectId}`, { period: route.period });
    case 'standards':
      return `/t/${route.tenantId}/standards`;
  }
}

/** The tenant a route is about, if any: the tenant switcher keeps the page and changes it. */
export function tenantOf(route: Route): string | null {
  return 'tenantId' in route ? route.tenantId : null;
}

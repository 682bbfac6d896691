import { href, NO_FILTERS, parseRoute, Route, tenantOf } from './routes';

const T = '0b6c3c5e-7f7a-4f55-9a0e-1c2d3e4f5a6b';
const P = '9f8e7d6c-5b4a-4321-8765-0fedcba98765';

describe('routes', () => {
  const roundTrips: Route[] = [
    { page: 'signin' },
    { page: 'signin', next: `/t/${T}/trend?kpi=cost_index` },
    { page: 'signup' },
    { page: 'home' },
    { page: 'portfolio', tenantId: T },
    { page: 'portfolio', tenantId: T, period: '2026-11' },
    { page: 'trend', tenantId: T, kpi: 'cost_index', to: '2026-06' },
    { page: 'projects', tenantId: T, filters: NO_FILTERS },
    { page: 'projects', tenantId: T, filters: { states: ['ACTIVE', 'ON_HOLD'], rags: ['RED'], text: 'alpha beta', programId: P, sort: 'NAME_DESC' } },
    { page: 'project', tenantId: T, projectId: P },
    { page: 'project', tenantId: T, projectId: P, period: '2026-10' },
    { page: 'standards', tenantId: T },
  ];

  it.each(roundTrips)('gives back the route its URL was made from: %j', (route) => {
    const [path, search = ''] = href(route).split('?');
    expect(parseRoute(path, search)).toEqual(route);
  });

  it('names no page for malformed ids and unknown paths', () => {
    expect(parseRoute('/t/not-a-uuid/portfolio', '')).toEqual({ page: 'notfound' });
    expect(parseRoute(`/t/${T}/nowhere`, '')).toEqual({ page: 'notfound' });
    expect(parseRoute(`/t/${T}/projects/123`, '')).toEqual({ page: 'notfound' });
    expect(parseRoute('/admin', '')).toEqual({ page: 'notfound' });
  });

  it('drops choices that are not valid rather than sending them to the API', () => {
    expect(parseRoute(`/t/${T}/portfolio`, 'period=2026-13')).toEqual({ page: 'portfolio', tenantId: T });
    expect(parseRoute(`/t/${T}/trend`, 'kpi=DROP TABLE&to=soon')).toEqual({ page: 'trend', tenantId: T });
    expect(parseRoute(`/t/${T}/projects`, 'state=ACTIVE,NOPE&rag=PURPLE,RED&sort=random&program=x')).toEqual({
      page: 'projects',
      tenantId: T,
      filters: { ...NO_FILTERS, states: ['ACTIVE'], rags: ['RED'] },
    });
  });

  it('keeps a sign-in from sending the reader to another site', () => {
    expect(parseRoute('/signin', 'next=//evil.example/x')).toEqual({ page: 'signin' });
    expect(parseRoute('/signin', 'next=https://evil.example')).toEqual({ page: 'signin' });
  });

  it('reads ids in capitals as the same tenant', () => {
    expect(tenantOf(parseRoute(`/t/${T.toUpperCase()}/standards`, ''))).toBe(T);
  });
});

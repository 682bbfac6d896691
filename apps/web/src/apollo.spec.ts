// The cache behind the live tiles and the projects' pages.
import { createCache } from './apollo';
import { PORTFOLIO, PROJECTS, ROLLUP_UPDATED } from './operations';
import type { PortfolioQuery, ProjectsQuery, RollupUpdatedSubscription } from './gql/graphql';
import { periodsEndingAt } from './format';

const TENANT = '0b6c3c5e-7f7a-4f55-9a0e-1c2d3e4f5a6b';
const periods = periodsEndingAt('2026-11', 12);
const variables = Object.fromEntries([['tenantId', TENANT], ...periods.map((p, i) => [`p${i}`, p])]);

const kpi = { __typename: 'KpiDefinition' as const, id: 'k1', key: 'cost', name: 'Cost', unit: null, direction: 'LOWER_IS_BETTER' as const };
const figure = (period: string, value: number) => ({
  __typename: 'KpiRollup' as const,
  id: `${TENANT}:k1:${period}`,
  period,
  value,
  rag: 'GREEN' as const,
  projectCount: 3,
  computedAt: '2026-11-29T10:00:00.000Z',
  kpi,
});

function portfolio(): PortfolioQuery {
  const series = Object.fromEntries(periods.map((p, i) => [`s${i}`, [figure(p, 10 + i)]]));
  return {
    __typename: 'Query',
    tenant: { __typename: 'Tenant', id: TENANT, name: 'Hub', kind: 'HUB', depth: 0, parent: null, children: [] },
    ...series,
    reportingSummary: {
      __typename: 'ReportingSummary',
      period: '2026-11',
      expected: 0,
      due: 0,
      fulfilled: 0,
      fulfilledLate: 0,
      late: 0,
      missing: 0,
      waived: 0,
    },
    rollupFreshness: { __typename: 'RollupFreshness', pendingNodes: 0, oldestPendingSeconds: null },
  } as unknown as PortfolioQuery;
}

describe('the client cache', () => {
  it('puts a figure pushed by kpiRollupUpdated into the tile and the sparkline that show it', () => {
    const cache = createCache();
    cache.writeQuery({ query: PORTFOLIO, variables, data: portfolio() });
    cache.writeQuery({
      query: ROLLUP_UPDATED,
      variables: { tenantId: TENANT },
      data: {
        kpiRollupUpdated: {
          __typename: 'KpiRollup',
          id: `${TENANT}:k1:2026-11`,
          period: '2026-11',
          value: 99,
          rag: 'RED',
          projectCount: 4,
          computedAt: '2026-11-29T11:00:00.000Z',
          kpi: { __typename: 'KpiDefinition', id: 'k1', name: 'Cost' },
        },
      } as unknown as RollupUpdatedSubscription,
    });
    const read = cache.readQuery({ query: PORTFOLIO, variables });
    expect(read?.s11[0]).toMatchObject({ value: 99, rag: 'RED', projectCount: 4 });
    // Another period's figure is another rollup: untouched.
    expect(read?.s10[0]).toMatchObject({ value: 20, rag: 'GREEN' });
  });

  it('appends the next page of projects to the list of the same filter, and keeps other filters apart', () => {
    const cache = createCache();
    const page = (ids: string[], endCursor: string, hasNextPage: boolean) =>
      ({
        __typename: 'ProjectConnection',
        totalCount: 3,
        pageInfo: { __typename: 'PageInfo', endCursor, hasNextPage },
        edges: ids.map((id) => ({
          __typename: 'ProjectEdge',
          cursor: `c-${id}`,
          node: {
            __typename: 'Project',
            id,
            code: id,
            name: id,
            state: 'ACTIVE',
            tenant: { __typename: 'Tenant', id: TENANT, name: 'Hub' },
            program: null,
            latestStatusReport: null,
          },
        })),
      }) as ProjectsQuery['projects'];
    const base = { tenant: { __typename: 'Tenant', id: TENANT, name: 'Hub', kind: 'HUB', depth: 0, parent: null }, programs: [] } as unknown as ProjectsQuery;
    const first = { tenantId: TENANT, filter: {}, sort: 'CODE_ASC' as const, first: 2 };
    cache.writeQuery({ query: PROJECTS, variables: first, data: { ...base, projects: page(['a', 'b'], 'c-b', true) } });
    cache.writeQuery({ query: PROJECTS, variables: { ...first, after: 'c-b' }, data: { ...base, projects: page(['c'], 'c-c', false) } });
    const all = cache.readQuery({ query: PROJECTS, variables: first });
    expect(all?.projects.edges.map((e) => e.node.id)).toEqual(['a', 'b', 'c']);
    expect(all?.projects.pageInfo.hasNextPage).toBe(false);

    const other = { ...first, filter: { states: ['ON_HOLD' as const] } };
    cache.writeQuery({ query: PROJECTS, variables: other, data: { ...base, projects: page(['z'], 'c-z', false) } });
    expect(cache.readQuery({ query: PROJECTS, variables: other })?.projects.edges.map((e) => e.node.id)).toEqual(['z']);
    expect(cache.readQuery({ query: PROJECTS, variables: first })?.projects.edges).toHaveLength(3);
  });
});

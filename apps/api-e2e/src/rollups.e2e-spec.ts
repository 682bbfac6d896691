// The product's core promise: every node's rollup equals the brute-force aggregate over
// its subtree's leaf values, exactly, after the queue drains; with two workers racing,
// replacements, deletes and project moves landing concurrently.
import fc from 'fast-check';
import { Stack } from '@pmo/testing';
import { buildOrg, closeTo, jsModel, record, storedAndBruteForce } from './rollup-harness';

const PERIODS = ['2026-01', '2026-02'];

describe('rollups', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 2, env: { WORKER_CONCURRENCY: '4' } });
  });
  afterAll(() => stack?.stop());

  async function expectExact(orgId: string): Promise<void> {
    const { stored, brute } = await storedAndBruteForce(stack, orgId);
    expect(stored).toEqual(brute);
    const model = await jsModel(stack, orgId);
    expect(model.size).toBe(brute.length);
    for (const row of brute) {
      const expected = model.get(`${row.tenant_id}|${row.kpi_id}|${row.period}`);
      expect(expected?.n).toBe(row.n);
      expect(closeTo(Number(row.value), expected?.value as number)).toBe(true);
    }
    // Every value sits with its project's current tenant.
    const { rows } = await stack.db.query(
      'SELECT count(*)::int AS n FROM kpi_values v JOIN projects p ON p.id = v.project_id WHERE v.org_id = $1 AND v.tenant_id <> p.tenant_id',
      [orgId],
    );
    expect(rows[0].n).toBe(0);
  }

  it('matches brute force after random trees and concurrent writes, replacements, deletes and moves', async () => {
    const tree = fc.integer({ min: 3, max: 9 }).chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => fc.integer({ min: 0, max: i }))));
    const op = fc.record({
      kind: fc.constantFrom('record', 'record', 'record', 'delete', 'move'),
      project: fc.nat(7),
      kpi: fc.nat(4),
      period: fc.nat(1),
      value: fc.oneof(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -100000, max: 100000 }).map((v) => v / 100),
      ),
      weight: fc.integer({ min: 1, max: 40 }).map((w) => w / 4),
      target: fc.nat(9),
    });
    await fc.assert(
      fc.asyncProperty(
        tree,
        fc.array(fc.nat(9), { minLength: 8, maxLength: 8 }),
        fc.array(op, { minLength: 20, maxLength: 80 }),
        async (parents, placement, ops) => {
          const org = await buildOrg(
            stack,
            parents,
            placement.map((p) => p % (parents.length + 1)),
          );
          // Concurrent chunks: replacements of one node, moves and writes race each other.
          for (let i = 0; i < ops.length; i += 6) {
            await Promise.all(
              ops.slice(i, i + 6).map(async (o) => {
                const period = PERIODS[o.period];
                if (o.kind === 'record') {
                  const result = await record(stack, org, o.project, o.kpi, period, o.value, o.weight);
                  expect(result.errors).toBeUndefined();
                } else if (o.kind === 'delete') {
                  await stack.ok(
                    `mutation($p: ID!, $k: String!, $period: String!) { deleteKpiValue(projectId: $p, kpiKey: $k, period: $period) }`,
                    { p: org.projects[o.project], k: org.kpis[o.kpi].key, period },
                    org.token,
                  );
                } else {
                  await stack.ok(
                    `mutation($id: ID!, $t: ID!) { moveProject(id: $id, tenantId: $t) { id } }`,
                    { id: org.projects[o.project], t: org.tenants[o.target % org.tenants.length] },
                    org.token,
                  );
                }
              }),
            );
          }
          await stack.waitForIdle(60000);
          await expectExact(org.orgId);
        },
      ),
      { numRuns: 4, endOnFailure: true },
    );
  });

  it('serves the figures through GraphQL: value, projectCount, RAG, trend, drill-down and freshness', async () => {
    const org = await buildOrg(stack, [0, 1], [0, 1, 2, 2]);
    // AVG (kpi 1): 10 at the hub's own project, 40 in spoke 1, 70 and 100 in spoke 2.
    for (const [project, value] of [
      [0, 10],
      [1, 40],
      [2, 70],
      [3, 100],
    ]) {
      expect((await record(stack, org, project, 1, '2026-03', value)).errors).toBeUndefined();
    }
    await record(stack, org, 3, 1, '2026-04', 5);
    await stack.waitForIdle();
    const query = `query($t: ID!) {
      hub: kpiRollup(tenantId: $t, kpiKey: "k_avg", period: "2026-03") { value projectCount rag computedAt period tenant { id } kpi { key aggregation } }
      all: kpiRollups(tenantId: $t, period: "2026-03") { kpi { key } value }
      trend: kpiRollupTrend(tenantId: $t, kpiKey: "k_avg", from: "2026-01", to: "2026-06") { period value projectCount }
      drill: kpiRollupDrilldown(tenantId: $t, kpiKey: "k_avg", period: "2026-03") { rollup { value } children { tenant { id } value projectCount } projects { projectCode value } }
      fresh: rollupFreshness(tenantId: $t) { pendingNodes oldestPendingSeconds }
    }`;
    const data = await stack.ok(query, { t: org.hubId }, org.token);
    expect(data.hub).toMatchObject({
      value: 55,
      projectCount: 4,
      rag: 'GREEN',
      period: '2026-03',
      tenant: { id: org.hubId },
      kpi: { key: 'k_avg', aggregation: 'AVG' },
    });
    expect(data.all).toEqual([{ kpi: { key: 'k_avg' }, value: 55 }]);
    expect(data.trend).toEqual([
      { period: '2026-03', value: 55, projectCount: 4 },
      { period: '2026-04', value: 5, projectCount: 1 },
    ]);
    expect(data.drill.rollup.value).toBe(55);
    expect(data.drill.children).toEqual([{ tenant: { id: org.tenants[1] }, value: 70, projectCount: 3 }]);
    expect(data.drill.projects).toEqual([{ projectCode: 'P0', value: 10 }]);
    expect(data.fresh).toEqual({ pendingNodes: 0, oldestPendingSeconds: null });
    // An id is the same id in any letter case, as PostgreSQL compares uuids.
    const upper = await stack.ok(query, { t: org.hubId.toUpperCase() }, org.token);
    expect({ ...upper, hub: { ...upper.hub, computedAt: undefined } }).toEqual({ ...data, hub: { ...data.hub, computedAt: undefined } });

    const spoke2 = await stack.ok(`{ kpiRollup(tenantId: "${org.tenants[2]}", kpiKey: "k_avg", period: "2026-04") { value rag } }`, {}, org.token);
    expect(spoke2.kpiRollup).toEqual({ value: 5, rag: 'RED' });
    const none = await stack.ok(`{ kpiRollup(tenantId: "${org.hubId}", kpiKey: "k_avg", period: "2025-12") { value } }`, {}, org.token);
    expect(none.kpiRollup).toBeNull();
  });

  it('refuses bad periods and hides other tenants rollups', async () => {
    const org = await buildOrg(stack, [0, 0], [1, 2]);
    await record(stack, org, 0, 0, '2026-05', 7);
    await stack.waitForIdle();
    const bad = await stack.gql(`{ kpiRollup(tenantId: "${org.hubId}", kpiKey: "k_sum", period: "2026-13") { value } }`, {}, org.token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const range = await stack.gql(`{ kpiRollupTrend(tenantId: "${org.hubId}", kpiKey: "k_sum", from: "2020-01", to: "2031-01") { value } }`, {}, org.token);
    expect(range.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // A member of spoke 2 cannot read spoke 1 (its sibling) nor see spoke 1 in the hub's drill-down.
    const sibling = await stack.member(org.token, org.tenants[2], 'VIEWER');
    const denied = await stack.gql(`{ kpiRollup(tenantId: "${org.tenants[1]}", kpiKey: "k_sum", period: "2026-05") { value } }`, {}, sibling);
    expect(denied.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const hubRead = await stack.gql(`{ kpiRollups(tenantId: "${org.hubId}", period: "2026-05") { value } }`, {}, sibling);
    expect(hubRead.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another organization's admin: not found, though the row exists (the owner sees it).
    const other = await stack.signUp();
    const foreign = await stack.gql(`{ kpiRollup(tenantId: "${org.tenants[1]}", kpiKey: "k_sum", period: "2026-05") { value } }`, {}, other.token);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { rows } = await stack.db.query('SELECT value_sum::float8 AS v FROM kpi_rollups WHERE tenant_id = $1 AND period = $2', [org.tenants[1], '2026-05']);
    expect(rows).toEqual([{ v: 7 }]);
  });

  it('moves a project with its whole record, and only where its KPIs are in force', async () => {
    const org = await buildOrg(stack, [0, 0, 1], [1]);
    // A KPI of spoke 1's own, reported by the project in spoke 1.
    const local = await stack.ok(
      `mutation($input: CreateKpiDefinitionInput!) { createKpiDefinition(input: $input) { id } }`,
      { input: { tenantId: org.tenants[1], key: 'local_kpi', name: 'Local', aggregation: 'SUM', direction: 'HIGHER_IS_BETTER' } },
      org.token,
    );
    await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { status } }`, { id: local.createKpiDefinition.id }, org.token);
    const value = (kpiKey: string, v: number) =>
      stack.ok(
        `mutation($input: RecordKpiValueInput!) { recordKpiValue(input: $input) { value } }`,
        {
          input: { projectId: org.projects[0], kpiKey, period: '2026-08', value: v },
        },
        org.token,
      );
    await value('k_sum', 1);
    await value('k_sum', 2); // the first value goes to the history
    await value('local_kpi', 5);
    const move = (tenant: number) =>
      stack.gql(
        `mutation($id: ID!, $t: ID!) { moveProject(id: $id, tenantId: $t) { tenant { id } } }`,
        { id: org.projects[0], t: org.tenants[tenant] },
        org.token,
      );

    // To the sibling spoke 2, local_kpi would not be in force: refused, nothing moved.
    expect((await move(2)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const { rows: still } = await stack.db.query('SELECT tenant_id FROM projects WHERE id = $1', [org.projects[0]]);
    expect(still[0].tenant_id).toBe(org.tenants[1]);

    // Below spoke 1 it stays in force: the project, its values and their history move.
    expect((await move(3)).errors).toBeUndefined();
    const { rows: history } = await stack.db.query('SELECT DISTINCT tenant_id FROM kpi_value_history WHERE project_id = $1', [org.projects[0]]);
    expect(history).toEqual([{ tenant_id: org.tenants[3] }]);
    const reader = await stack.member(org.token, org.tenants[3], 'VIEWER');
    const seen = await stack.ok(`query($p: ID!) { kpiValues(projectId: $p) { kpi { key } value history { value } } }`, { p: org.projects[0] }, reader);
    expect(seen.kpiValues).toEqual(expect.arrayContaining([{ kpi: { key: 'k_sum' }, value: 2, history: [{ value: 1 }] }]));
    await stack.waitForIdle();
    await expectExact(org.orgId);
  });

  it('changes nothing when the same job is delivered twice, and rebuilds to the same figures', async () => {
    const org = await buildOrg(stack, [0, 1, 1], [1, 2, 3, 3]);
    for (let p = 0; p < 4; p++) for (let k = 0; k < 5; k++) await record(stack, org, p, k, '2026-06', p * 10 + k + 0.25, p + 1);
    await stack.waitForIdle();
    const snapshot = () =>
      stack.db
        .query(
          'SELECT tenant_id, kpi_id, period, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value FROM kpi_rollups WHERE org_id = $1 ORDER BY 1, 2, 3',
          [org.orgId],
        )
        .then((r) => r.rows);
    const before = await snapshot();
    const { rows: kpis } = await stack.db.query('SELECT id FROM kpi_definitions WHERE org_id = $1 AND NOT built_in', [org.orgId]);
    await stack.withQueue('rollups', async (queue) => {
      for (const tenantId of org.tenants) {
        for (let copy = 0; copy < 2; copy++) {
          await queue.add('rollup.node', { tenantId, kpiId: kpis[0].id, period: '2026-06' }, { jobId: `dup-${tenantId}-${copy}` });
        }
      }
    });
    await stack.waitForIdle();
    expect(await snapshot()).toEqual(before);

    // A corrupted figure is found and rewritten by the rebuild; the rest is left alone.
    await stack.db.query('UPDATE kpi_rollups SET value_sum = value_sum + 1 WHERE tenant_id = $1 AND kpi_id = $2', [org.hubId, kpis[0].id]);
    const rebuild = `mutation($h: ID!) { rebuildRollups(hubId: $h) { nodes written removed levels durationMs } }`;
    const rebuilt = await stack.ok(rebuild, { h: org.hubId }, org.token);
    expect(rebuilt.rebuildRollups).toMatchObject({ nodes: before.length, written: 1, removed: 0, levels: 3 });
    expect(await snapshot()).toEqual(before);
    expect((await stack.ok(rebuild, { h: org.hubId }, org.token)).rebuildRollups).toMatchObject({ written: 0 });
    const viewer = await stack.member(org.token, org.hubId, 'PMO_LEAD');
    const denied = await stack.gql(`mutation($h: ID!) { rebuildRollups(hubId: $h) { nodes } }`, { h: org.hubId }, viewer);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

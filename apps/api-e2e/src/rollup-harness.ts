// Builds organizations over GraphQL and checks rollups against brute force: the stored
// figure of every node must equal the flat aggregate over its subtree's leaf values,
// exactly (same numeric inputs, one final division), and match an independent JS model.
import { Stack } from '@pmo/testing';

export const AGGREGATIONS = ['SUM', 'AVG', 'WEIGHTED_AVG', 'MIN', 'MAX'] as const;

/**
 * Sweeps every 200 ms, republishing outbox rows and dirty marks older than half a second:
 * a test that waits for the sweeps to recover lost work takes seconds, not the
 * production grace periods (30 s for outbox rows).
 */
export const FAST_SWEEPS = { SWEEP_INTERVAL_MS: '200', OUTBOX_GRACE_MS: '500', ROLLUP_SWEEP_GRACE_MS: '500' };

export interface Org {
  token: string;
  hubId: string;
  orgId: string;
  tenants: string[]; // index 0 is the hub
  kpis: Array<{ key: string; aggregation: string }>;
  projects: string[];
}

/** `parents[i]` is the index of tenant i+1's parent among the tenants before it. */
export async function buildOrg(stack: Stack, parents: number[], projectTenants: number[]): Promise<Org> {
  const { token, hubId } = await stack.signUp();
  const tenants = [hubId];
  for (const [i, parent] of parents.entries()) tenants.push(await stack.createSpoke(token, tenants[parent], `Spoke ${i + 1}`));
  const kpis = [];
  for (const aggregation of AGGREGATIONS) {
    const key = `k_${aggregation.toLowerCase()}`;
    const created = await stack.ok(
      `mutation($input: CreateKpiDefinitionInput!) { createKpiDefinition(input: $input) { id } }`,
      { input: { tenantId: hubId, key, name: key, aggregation, direction: 'HIGHER_IS_BETTER', greenThreshold: 50, amberThreshold: 10 } },
      token,
    );
    await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { status } }`, { id: created.createKpiDefinition.id }, token);
    kpis.push({ key, aggregation });
  }
  const projects = [];
  for (const [i, tenant] of projectTenants.entries()) {
    const data = await stack.ok(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { tenantId: tenants[tenant], code: `P${i}`, name: `Project ${i}` } },
      token,
    );
    projects.push(data.createProject.id);
  }
  return { token, hubId, orgId: hubId, tenants, kpis, projects };
}

export async function record(stack: Stack, org: Org, project: number, kpi: number, period: string, value: number, weight?: number) {
  return stack.gql(
    `mutation($input: RecordKpiValueInput!) { recordKpiValue(input: $input) { value } }`,
    { input: { projectId: org.projects[project], kpiKey: org.kpis[kpi].key, period, value, weight } },
    org.token,
  );
}

interface NodeFigure {
  tenant_id: string;
  kpi_id: string;
  period: string;
  n: number;
  value: string | null;
}

const key = (row: NodeFigure) => `${row.tenant_id}|${row.kpi_id}|${row.period}`;

/**
 * Stored rollups and brute-force aggregates of one organization's reported KPIs, both as
 * exact text. The built-in compliance KPI, which the worker records on its own schedule,
 * has its exactness test in governance-integration.e2e-spec.ts.
 */
export async function storedAndBruteForce(stack: Stack, orgId: string): Promise<{ stored: NodeFigure[]; brute: NodeFigure[] }> {
  const stored = await stack.db.query<NodeFigure>(
    `SELECT r.tenant_id, r.kpi_id, r.period, r.value_count::int AS n,
            pmo_kpi_value(k.aggregation, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value)::text AS value
       FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id
      WHERE r.org_id = $1 AND r.value_count > 0 AND NOT k.built_in`,
    [orgId],
  );
  const brute = await stack.db.query<NodeFigure>(
    `SELECT t.id AS tenant_id, v.kpi_id, v.period, count(*)::int AS n,
            pmo_kpi_value(min(k.aggregation), count(*), sum(v.value), sum(v.value * v.weight), sum(v.weight), min(v.value), max(v.value))::text AS value
       FROM tenants t
       JOIN tenants d ON d.path @> ARRAY[t.id]
       JOIN kpi_values v ON v.tenant_id = d.id
       JOIN kpi_definitions k ON k.id = v.kpi_id
      WHERE t.org_id = $1 AND NOT k.built_in
      GROUP BY t.id, v.kpi_id, v.period`,
    [orgId],
  );
  const sort = (rows: NodeFigure[]) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  return { stored: sort(stored.rows), brute: sort(brute.rows) };
}

/** An independent model: aggregates the leaf values in JavaScript. */
export async function jsModel(stack: Stack, orgId: string): Promise<Map<string, { n: number; value: number }>> {
  const { rows } = await stack.db.query(
    `SELECT t.id AS tenant_id, v.kpi_id, v.period, k.aggregation, v.value::float8 AS value, v.weight::float8 AS weight
       FROM tenants t JOIN tenants d ON d.path @> ARRAY[t.id] JOIN kpi_values v ON v.tenant_id = d.id
       JOIN kpi_definitions k ON k.id = v.kpi_id WHERE t.org_id = $1 AND NOT k.built_in`,
    [orgId],
  );
  const groups = new Map<string, Array<{ aggregation: string; value: number; weight: number | null }>>();
  for (const row of rows) {
    const k = `${row.tenant_id}|${row.kpi_id}|${row.period}`;
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  const model = new Map<string, { n: number; value: number }>();
  for (const [k, values] of groups) {
    const sum = values.reduce((acc, v) => acc + v.value, 0);
    const figure = {
      SUM: sum,
      AVG: sum / values.length,
      WEIGHTED_AVG: values.reduce((acc, v) => acc + v.value * (v.weight ?? 0), 0) / values.reduce((acc, v) => acc + (v.weight ?? 0), 0),
      MIN: Math.min(...values.map((v) => v.value)),
      MAX: Math.max(...values.map((v) => v.value)),
    }[values[0].aggregation] as number;
    model.set(k, { n: values.length, value: figure });
  }
  return model;
}

export function closeTo(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

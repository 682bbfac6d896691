// The rollup engine's SQL. A node's partial state is merged from its own projects'
// values and its children's stored states, never from averages: count, sum, weighted
// sum, weight sum, min and max all merge exactly (numeric), so every stored state equals
// the brute-force aggregate over the subtree's leaf values.
import { statement } from '@pmo/core';
import type { Rag } from '@pmo/shared';

/**
 * Ticks of an organization hold its lock shared, a full rebuild holds it exclusive: a
 * rebuild never overwrites a figure a tick stored after the rebuild's snapshot.
 */
const ORGANIZATION_KEY = (orgId: string) => `hashtextextended('rollup-org:' || ${orgId}::text, 0)`;

/**
 * A tick's first statement: the organization's lock shared, then its tick lock, waited
 * for (the target list is evaluated left to right): two workers' ticks of one
 * organization run one after the other, and the second claims what the first left.
 */
export const BEGIN_TICK = statement<{ orgId: string }, [orgId: string]>(
  'rollup-begin-tick',
  `SELECT $1::uuid AS "orgId", pg_advisory_xact_lock_shared(${ORGANIZATION_KEY('$1')}) AS organization_locked,
          pg_advisory_xact_lock(hashtextextended('rollup-tick:' || $1::text, 0)) AS tick_locked`,
);

/** A node to compute, with where it sits in the tree. */
export interface TickNodeRow {
  tenantId: string;
  kpiId: string;
  period: string;
  depth: number;
  parentId: string | null;
}

/**
 * Claims (deletes) up to $2 of the organization's ($1) dirty marks, locked in one order,
 * and adds the nodes asked for by name ($3…$5). Deleting a mark waits for the writers
 * holding it (KEY SHARE) to commit, so the tick's later statements see their values; a
 * writer coming after it marks the node anew once the tick commits. A tick that fails
 * rolls its claim back with everything else: the marks stay for the next one.
 */
export const CLAIM_NODES = statement<TickNodeRow, [orgId: string, limit: number, tenantIds: string[], kpiIds: string[], periods: string[]]>(
  'rollup-claim-nodes',
  `
  WITH claimed AS (
    DELETE FROM kpi_rollup_dirty d USING (
      SELECT tenant_id, kpi_id, period FROM kpi_rollup_dirty WHERE org_id = $1
       ORDER BY tenant_id, kpi_id, period LIMIT $2 FOR UPDATE
    ) c
     WHERE d.tenant_id = c.tenant_id AND d.kpi_id = c.kpi_id AND d.period = c.period
    RETURNING d.tenant_id, d.kpi_id, d.period
  ),
  nodes AS (
    SELECT tenant_id, kpi_id, period FROM claimed
    UNION
    SELECT * FROM unnest($3::uuid[], $4::uuid[], $5::text[])
  )
  SELECT n.tenant_id AS "tenantId", n.kpi_id AS "kpiId", n.period, t.depth, t.parent_id AS "parentId"
    FROM nodes n JOIN tenants t ON t.id = n.tenant_id AND t.org_id = $1`,
);

/**
 * Recomputes nodes of one level of the organization ($1; the nodes as $2…$4) from their
 * own projects' values and their children's stored states, in one statement, and
 * answers those whose state changed, with their parent (the next level's work). A node
 * left without values loses its row, as a rebuild would leave it. It also gives the node's
 * RAG before and after, from its KPI's thresholds exactly as the read model serves it,
 * whose change is an event (a built-in KPI's, such as compliance, through its own port).
 */
export interface ChangedNodeRow {
  tenantId: string;
  kpiId: string;
  period: string;
  parentId: string | null;
  builtIn: boolean;
  ragBefore: Rag | null;
  ragAfter: Rag | null;
}

export const RECOMPUTE_LEVEL = statement<ChangedNodeRow, [orgId: string, tenantIds: string[], kpiIds: string[], periods: string[]]>(
  'rollup-recompute-level',
  `
  WITH nodes AS (
    SELECT DISTINCT n.tenant_id, n.kpi_id, n.period, t.parent_id
      FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS n (tenant_id, kpi_id, period) JOIN tenants t ON t.id = n.tenant_id
  ),
  parts AS (
    SELECT v.tenant_id, v.kpi_id, v.period, count(*)::bigint AS n, sum(v.value) AS s, sum(v.value * v.weight) AS ws, sum(v.weight) AS w,
           min(v.value) AS mn, max(v.value) AS mx
      FROM nodes n JOIN kpi_values v ON v.tenant_id = n.tenant_id AND v.kpi_id = n.kpi_id AND v.period = n.period
     GROUP BY v.tenant_id, v.kpi_id, v.period
    UNION ALL
    SELECT n.tenant_id, n.kpi_id, n.period, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value
      FROM nodes n JOIN tenants c ON c.parent_id = n.tenant_id JOIN kpi_rollups r ON r.tenant_id = c.id AND r.kpi_id = n.kpi_id AND r.period = n.period
  ),
  merged AS (
    SELECT n.tenant_id, n.kpi_id, n.period, n.parent_id, coalesce(sum(p.n), 0)::bigint AS n, sum(p.s) AS s, sum(p.ws) AS ws, sum(p.w) AS w,
           min(p.mn) AS mn, max(p.mx) AS mx
      FROM nodes n LEFT JOIN parts p ON p.tenant_id = n.tenant_id AND p.kpi_id = n.kpi_id AND p.period = n.period
     GROUP BY n.tenant_id, n.kpi_id, n.period, n.parent_id
  ),
  compared AS (
    SELECT m.*, o.value_count IS NOT NULL AS existed, o.value_count AS o_n, o.value_sum AS o_s, o.weighted_sum AS o_ws, o.weight_sum AS o_w,
           o.min_value AS o_mn, o.max_value AS o_mx
      FROM merged m LEFT JOIN kpi_rollups o ON o.tenant_id = m.tenant_id AND o.kpi_id = m.kpi_id AND o.period = m.period
  ),
  changed AS (
    SELECT * FROM compared
     WHERE (n = 0 AND existed) OR (n > 0 AND (o_n, o_s, o_ws, o_w, o_mn, o_mx) IS DISTINCT FROM (n, s, ws, w, mn, mx))
  ),
  -- Data-modifying CTEs run whether or not the query reads them.
  removed AS (
    DELETE FROM kpi_rollups r USING changed c
     WHERE c.n = 0 AND r.tenant_id = c.tenant_id AND r.kpi_id = c.kpi_id AND r.period = c.period
  ),
  stored AS (
    INSERT INTO kpi_rollups AS r (tenant_id, kpi_id, period, org_id, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value, computed_at)
    SELECT tenant_id, kpi_id, period, $1, n, s, ws, w, mn, mx, clock_timestamp() FROM changed WHERE n > 0
     ORDER BY tenant_id, kpi_id, period
    ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET
      value_count = EXCLUDED.value_count, value_sum = EXCLUDED.value_sum, weighted_sum = EXCLUDED.weighted_sum,
      weight_sum = EXCLUDED.weight_sum, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
      computed_at = EXCLUDED.computed_at
  )
  SELECT c.tenant_id AS "tenantId", c.kpi_id AS "kpiId", c.period, c.parent_id AS "parentId", coalesce(k.built_in, false) AS "builtIn",
         CASE WHEN c.existed
              THEN pmo_rag(pmo_kpi_figure(k.aggregation, c.o_n, c.o_s, c.o_ws, c.o_w, c.o_mn, c.o_mx), k.direction, k.green_threshold, k.amber_threshold)
         END AS "ragBefore",
         CASE WHEN c.n > 0
              THEN pmo_rag(pmo_kpi_figure(k.aggregation, c.n, c.s, c.ws, c.w, c.mn, c.mx), k.direction, k.green_threshold, k.amber_threshold)
         END AS "ragAfter"
    FROM changed c LEFT JOIN kpi_definitions k ON k.id = c.kpi_id`,
);

/** The organizations with dirty marks older than $1 (an interval): every organization's, through the definer function. */
export const DIRTY_ORGANIZATIONS = statement<{ orgId: string }, [olderThan: string]>(
  'rollup-dirty-organizations',
  'SELECT org_id AS "orgId" FROM pmo_dirty_organizations($1::interval)',
);

/** A tenant's organization, if this context sees the tenant. */
export const TENANT_ORGANIZATION = statement<{ orgId: string }, [tenantId: string]>(
  'rollup-tenant-organization',
  'SELECT org_id AS "orgId" FROM tenants WHERE id = $1',
);

/**
 * A rebuild's first statement: the organization's lock ($1) exclusive, then its settings
 * for the transaction. Every level is computed by the rebuild, so the per-node parent
 * marking trigger stands down (app.rebuilding); the aggregates of a whole organization
 * fit in memory ($2, work_mem): no hash batches spilled to disk.
 */
export const BEGIN_REBUILD = statement<{ rebuilding: string; workMem: string }, [orgId: string, workMem: string]>(
  'rollup-begin-rebuild',
  `SELECT pg_advisory_xact_lock(${ORGANIZATION_KEY('$1')}) AS locked,
          set_config('app.rebuilding', 'on', true) AS rebuilding, set_config('work_mem', $2, true) AS "workMem"`,
);

/** The parent marking trigger works again for the rest of the transaction. */
export const END_REBUILD = statement<{ rebuilding: string }, []>('rollup-end-rebuild', `SELECT set_config('app.rebuilding', 'off', true) AS rebuilding`);

/** One node's own projects' partial state: numerics as text, so sums stay exact on their way back in. */
export interface OwnStateRow {
  tenantId: string;
  kpiId: string;
  period: string;
  n: string;
  s: string;
  ws: string | null;
  w: string | null;
  mn: string;
  mx: string;
}

/**
 * Every node's own projects' partial state, for one organization, in one pass. A plain
 * SELECT, so the scan runs in parallel (a data-modifying statement would not); the
 * states come back to the caller and go into REBUILD_TREE as arrays (the runtime roles
 * may not create temporary tables).
 */
export const REBUILD_OWN = statement<OwnStateRow, [orgId: string]>(
  'rollup-rebuild-own',
  `
  SELECT v.tenant_id AS "tenantId", v.kpi_id AS "kpiId", v.period, count(*)::bigint::text AS n, sum(v.value)::text AS s,
         sum(v.value * v.weight)::text AS ws, sum(v.weight)::text AS w, min(v.value)::text AS mn, max(v.value)::text AS mx
    FROM kpi_values v WHERE v.org_id = $1
   GROUP BY v.tenant_id, v.kpi_id, v.period`,
);

export interface RebuildTreeRow {
  nodes: number;
  written: number;
  removed: number;
  /** The organization's tree depth plus one. */
  levels: number;
}

/**
 * Every node of the organization ($1) at once, from the own states of REBUILD_OWN
 * ($2…$10, one array per column): each node's own state counts towards itself and every
 * ancestor on its path, and the mergeable states simply add up. Only rows that differ
 * from the stored ones are written (a rebuild of consistent figures writes nothing);
 * nodes left without values are removed.
 */
export const REBUILD_TREE = statement<
  RebuildTreeRow,
  [
    orgId: string,
    tenantIds: string[],
    kpiIds: string[],
    periods: string[],
    n: string[],
    s: string[],
    ws: Array<string | null>,
    w: Array<string | null>,
    mn: string[],
    mx: string[],
  ]
>(
  'rollup-rebuild-tree',
  `
  WITH own AS (
    SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[])
      AS o(tenant_id, kpi_id, period, n, s, ws, w, mn, mx)
  ),
  fresh AS (
    SELECT node AS tenant_id, o.kpi_id, o.period, sum(o.n)::bigint AS value_count, sum(o.s) AS value_sum, sum(o.ws) AS weighted_sum,
           sum(o.w) AS weight_sum, min(o.mn) AS min_value, max(o.mx) AS max_value
      FROM own o JOIN tenants t ON t.id = o.tenant_id CROSS JOIN unnest(t.path) AS node
     GROUP BY node, o.kpi_id, o.period
  ),
  changed AS (
    SELECT f.* FROM fresh f
      LEFT JOIN kpi_rollups r ON r.org_id = $1 AND r.tenant_id = f.tenant_id AND r.kpi_id = f.kpi_id AND r.period = f.period
     WHERE (r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value)
           IS DISTINCT FROM (f.value_count, f.value_sum, f.weighted_sum, f.weight_sum, f.min_value, f.max_value)
  ),
  removed AS (
    DELETE FROM kpi_rollups r WHERE r.org_id = $1
       AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.tenant_id = r.tenant_id AND f.kpi_id = r.kpi_id AND f.period = r.period)
    RETURNING 1
  ),
  written AS (
    INSERT INTO kpi_rollups AS r (tenant_id, kpi_id, period, org_id, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value, computed_at)
    SELECT tenant_id, kpi_id, period, $1, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value, clock_timestamp() FROM changed
    ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET
      value_count = EXCLUDED.value_count, value_sum = EXCLUDED.value_sum, weighted_sum = EXCLUDED.weighted_sum,
      weight_sum = EXCLUDED.weight_sum, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
      computed_at = EXCLUDED.computed_at
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM fresh)::int AS nodes, (SELECT count(*) FROM written)::int AS written,
         (SELECT count(*) FROM removed)::int AS removed,
         (SELECT coalesce(max(depth), 0) + 1 FROM tenants WHERE org_id = $1)::int AS levels`,
);

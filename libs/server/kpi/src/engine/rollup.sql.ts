// The rollup engine's SQL. A node's partial state is merged from its own projects'
// values and its children's stored states, never from averages: count, sum, weighted
// sum, weight sum, min and max all merge exactly (numeric), so every stored state equals
// the brute-force aggregate over the subtree's leaf values.
import { statement } from '@pmo/core';
import type { Rag } from '@pmo/shared';

type NodeParams = [tenantId: string, kpiId: string, period: string];

export interface NodeLockRow {
  orgId: string;
  parentId: string | null;
  /** False when another run holds the node (only when it was tried, not waited for). */
  locked: boolean;
  /** The node's dirty mark (bigint as text), null when it has none. */
  seq: string | null;
}

/**
 * Node jobs of an organization hold its lock shared, a full rebuild holds it exclusive:
 * a rebuild never overwrites a figure a job stored after the rebuild's snapshot.
 */
const ORGANIZATION_KEY = (orgId: string) => `hashtextextended('rollup-org:' || ${orgId}::text, 0)`;
const NODE_KEY = `hashtextextended('rollup:' || t.id::text || ':' || $2::uuid::text || ':' || $3::text, 0)`;

/**
 * A node's first statement: the organization's lock shared, then the node's own lock (in
 * that order: the target list is evaluated left to right), with the node's organization,
 * parent and dirty mark seq.
 */
const lockNode = (nodeLock: string) => `
  SELECT t.org_id AS "orgId", t.parent_id AS "parentId",
         pg_advisory_xact_lock_shared(${ORGANIZATION_KEY('t.org_id')}) AS organization_locked,
         ${nodeLock},
         (SELECT d.seq FROM kpi_rollup_dirty d WHERE d.tenant_id = $1::uuid AND d.kpi_id = $2::uuid AND d.period = $3::text) AS seq
    FROM tenants t WHERE t.id = $1::uuid`;

/** Waits for the node's lock: the job's own node, whose change it must see. */
export const LOCK_NODE = statement<NodeLockRow, NodeParams>('rollup-lock-node', lockNode(`pg_advisory_xact_lock(${NODE_KEY}) AS waited, true AS locked`));

/** Only tries the node's lock: an ancestor another run holds is left to a queued job. */
export const TRY_LOCK_NODE = statement<NodeLockRow, NodeParams>('rollup-try-lock-node', lockNode(`pg_try_advisory_xact_lock(${NODE_KEY}) AS locked`));

/**
 * Recomputes one node ($4: its organization) and says whether it changed. A node left
 * without values loses its row, as a rebuild would leave it. For a built-in KPI (the
 * system's, such as compliance) it also gives the node's RAG before and after, whose
 * change is an event.
 */
export interface RecomputedRow {
  changed: boolean;
  builtIn: boolean;
  ragBefore: Rag | null;
  ragAfter: Rag | null;
}

export const RECOMPUTE_NODE = statement<RecomputedRow, [...NodeParams, orgId: string]>(
  'rollup-recompute-node',
  `
  WITH parts AS (
    SELECT count(*)::bigint AS n, sum(value) AS s, sum(value * weight) AS ws, sum(weight) AS w,
           min(value) AS mn, max(value) AS mx
      FROM kpi_values WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3
    UNION ALL
    SELECT r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value
      FROM tenants t JOIN kpi_rollups r ON r.tenant_id = t.id AND r.kpi_id = $2 AND r.period = $3
     WHERE t.parent_id = $1
  ),
  merged AS (
    SELECT coalesce(sum(n), 0)::bigint AS n, sum(s) AS s, sum(ws) AS ws, sum(w) AS w, min(mn) AS mn, max(mx) AS mx FROM parts
  ),
  old AS (
    SELECT value_count, value_sum, weighted_sum, weight_sum, min_value, max_value
      FROM kpi_rollups WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3
  ),
  removed AS (
    DELETE FROM kpi_rollups WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3 AND (SELECT n FROM merged) = 0
    RETURNING 1
  ),
  stored AS (
    INSERT INTO kpi_rollups AS r (tenant_id, kpi_id, period, org_id, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value, computed_at)
    SELECT $1, $2, $3, $4, n, s, ws, w, mn, mx, clock_timestamp() FROM merged WHERE n > 0
    ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET
      value_count = EXCLUDED.value_count, value_sum = EXCLUDED.value_sum, weighted_sum = EXCLUDED.weighted_sum,
      weight_sum = EXCLUDED.weight_sum, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
      computed_at = EXCLUDED.computed_at
    RETURNING value_count, value_sum, weighted_sum, weight_sum, min_value, max_value
  ),
  kpi AS (
    SELECT aggregation, direction, green_threshold, amber_threshold FROM kpi_definitions WHERE id = $2 AND built_in
  )
  SELECT EXISTS (SELECT 1 FROM removed) OR (
    EXISTS (SELECT 1 FROM stored) AND NOT EXISTS (
      SELECT 1 FROM old, stored
       WHERE (old.value_count, old.value_sum, old.weighted_sum, old.weight_sum, old.min_value, old.max_value)
             IS NOT DISTINCT FROM (stored.value_count, stored.value_sum, stored.weighted_sum, stored.weight_sum, stored.min_value, stored.max_value))
  ) AS changed,
  EXISTS (SELECT 1 FROM kpi) AS "builtIn",
  (SELECT pmo_rag(pmo_kpi_figure(k.aggregation, o.value_count, o.value_sum, o.weighted_sum, o.weight_sum, o.min_value, o.max_value),
                  k.direction, k.green_threshold, k.amber_threshold) FROM old o, kpi k) AS "ragBefore",
  (SELECT pmo_rag(pmo_kpi_figure(k.aggregation, m.n, m.s, m.ws, m.w, m.mn, m.mx), k.direction, k.green_threshold, k.amber_threshold)
     FROM merged m, kpi k WHERE m.n > 0) AS "ragAfter"`,
);

/**
 * Clears the node's dirty mark if it is still the one ($4, its seq) read before the
 * recompute's snapshot; a newer change keeps it (and its job, or the sweep, runs the node
 * again). Says whether it cleared it.
 */
export const CLEAR_MARK = statement<{ cleared: boolean }, [...NodeParams, seq: string]>(
  'rollup-clear-mark',
  `WITH cleared AS (
     DELETE FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3 AND seq = $4 RETURNING 1
   )
   SELECT EXISTS (SELECT 1 FROM cleared) AS cleared`,
);

/** Dirty marks older than $1 (an interval), oldest first, at most $2: every organization's, through the definer function. */
export const DIRTY_PENDING = statement<{ tenantId: string; kpiId: string; period: string }, [olderThan: string, limit: number]>(
  'rollup-dirty-pending',
  'SELECT tenant_id AS "tenantId", kpi_id AS "kpiId", period FROM pmo_dirty_pending($1::interval, $2)',
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

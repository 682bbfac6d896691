// The rollup engine's SQL. A node's partial state is merged from its own projects'
// values and its children's stored states, never from averages: count, sum, weighted
// sum, weight sum, min and max all merge exactly (numeric), so every stored state equals
// the brute-force aggregate over the subtree's leaf values.

/**
 * Node jobs of an organization hold its lock shared, a full rebuild holds it exclusive:
 * a rebuild never overwrites a figure a job stored after the rebuild's snapshot.
 */
export const LOCK_ORGANIZATION = `SELECT pg_advisory_xact_lock(hashtextextended('rollup-org:' || $1::text, 0))`;

/**
 * A node's first statement ($1 tenant, $2 kpi, $3 period): the organization's lock
 * shared, then the node's own lock (in that order: the target list is evaluated left to
 * right), with the node's organization, parent and dirty mark seq. Without `wait`, the
 * node lock is only tried: `locked` is false when another run holds it.
 */
const NODE_KEY = `hashtextextended('rollup:' || t.id::text || ':' || $2::uuid::text || ':' || $3::text, 0)`;

export const lockNode = (wait: boolean) => `
  SELECT t.org_id, t.parent_id,
         pg_advisory_xact_lock_shared(hashtextextended('rollup-org:' || t.org_id::text, 0)) AS organization_locked,
         ${wait ? `pg_advisory_xact_lock(${NODE_KEY}) AS waited, true` : `pg_try_advisory_xact_lock(${NODE_KEY})`} AS locked,
         (SELECT d.seq FROM kpi_rollup_dirty d WHERE d.tenant_id = $1::uuid AND d.kpi_id = $2::uuid AND d.period = $3::text) AS seq
    FROM tenants t WHERE t.id = $1::uuid`;

/**
 * Recomputes one node ($1 tenant, $2 kpi, $3 period, $4 org) and says whether it
 * changed. A node left without values loses its row, as a rebuild would leave it.
 */
export const RECOMPUTE_NODE = `
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
  )
  SELECT EXISTS (SELECT 1 FROM removed) OR (
    EXISTS (SELECT 1 FROM stored) AND NOT EXISTS (
      SELECT 1 FROM old, stored
       WHERE (old.value_count, old.value_sum, old.weighted_sum, old.weight_sum, old.min_value, old.max_value)
             IS NOT DISTINCT FROM (stored.value_count, stored.value_sum, stored.weighted_sum, stored.weight_sum, stored.min_value, stored.max_value))
  ) AS changed`;

/**
 * Every node's own projects' partial state, for one organization, in one pass. A plain
 * SELECT, so the scan runs in parallel (a data-modifying statement would not); the
 * states come back to the caller and go into REBUILD_TREE as arrays (the runtime roles
 * may not create temporary tables). Sums stay exact: numerics travel as text.
 */
export const REBUILD_OWN = `
  SELECT v.tenant_id AS "tenantId", v.kpi_id AS "kpiId", v.period, count(*)::bigint::text AS n, sum(v.value)::text AS s,
         sum(v.value * v.weight)::text AS ws, sum(v.weight)::text AS w, min(v.value)::text AS mn, max(v.value)::text AS mx
    FROM kpi_values v WHERE v.org_id = $1
   GROUP BY v.tenant_id, v.kpi_id, v.period`;

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
 * Every node of the organization ($1) at once, from the own states of REBUILD_OWN
 * ($2…$10, one array per column): each node's own state counts towards
 * itself and every ancestor on its path, and the mergeable states simply add up. Only
 * rows that differ from the stored ones are written (a rebuild of consistent figures
 * writes nothing); nodes left without values are removed.
 */
export const REBUILD_TREE = `
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
         (SELECT count(*) FROM removed)::int AS removed`;

// The rollup engine's SQL. A node's partial state is merged from its own projects'
// values and its children's stored states, never from averages: count, sum, weighted
// sum, weight sum, min and max all merge exactly (numeric), so every stored state equals
// the brute-force aggregate over the subtree's leaf values.

/** Recomputes one node ($1 tenant, $2 kpi, $3 period, $4 org) and says whether it changed. */
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
  stored AS (
    INSERT INTO kpi_rollups AS r (tenant_id, kpi_id, period, org_id, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value, computed_at)
    SELECT $1, $2, $3, $4, n, s, ws, w, mn, mx, clock_timestamp() FROM merged
    ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET
      value_count = EXCLUDED.value_count, value_sum = EXCLUDED.value_sum, weighted_sum = EXCLUDED.weighted_sum,
      weight_sum = EXCLUDED.weight_sum, min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,
      computed_at = EXCLUDED.computed_at
    RETURNING value_count, value_sum, weighted_sum, weight_sum, min_value, max_value
  )
  SELECT NOT EXISTS (
    SELECT 1 FROM old, stored
     WHERE (old.value_count, old.value_sum, old.weighted_sum, old.weight_sum, old.min_value, old.max_value)
           IS NOT DISTINCT FROM (stored.value_count, stored.value_sum, stored.weighted_sum, stored.weight_sum, stored.min_value, stored.max_value)
  ) AS changed`;

/** Every node's own projects' partial state, for one organization ($1), in one pass. */
export const REBUILD_OWN_TABLE = `
  CREATE TEMP TABLE rollup_own (tenant_id uuid, kpi_id uuid, period text, n bigint, s numeric, ws numeric, w numeric, mn numeric, mx numeric)
  ON COMMIT DROP`;

export const REBUILD_OWN = `
  INSERT INTO rollup_own
  SELECT v.tenant_id, v.kpi_id, v.period, count(*)::bigint AS n, sum(v.value) AS s,
         sum(v.value * v.weight) AS ws, sum(v.weight) AS w, min(v.value) AS mn, max(v.value) AS mx
    FROM kpi_values v WHERE v.org_id = $1
   GROUP BY v.tenant_id, v.kpi_id, v.period`;

/** The nodes at depth $2 of organization $1: own state merged with their children's. */
export const REBUILD_LEVEL = `
  INSERT INTO kpi_rollups (tenant_id, kpi_id, period, org_id, value_count, value_sum, weighted_sum, weight_sum, min_value, max_value, computed_at)
  SELECT node, kpi_id, period, $1, sum(n), sum(s), sum(ws), sum(w), min(mn), max(mx), clock_timestamp()
    FROM (
      SELECT o.tenant_id AS node, o.kpi_id, o.period, o.n, o.s, o.ws, o.w, o.mn, o.mx
        FROM rollup_own o JOIN tenants t ON t.id = o.tenant_id WHERE t.depth = $2
      UNION ALL
      SELECT t.parent_id, r.kpi_id, r.period, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value
        FROM kpi_rollups r JOIN tenants t ON t.id = r.tenant_id WHERE t.depth = $2 + 1 AND r.org_id = $1
    ) parts
   GROUP BY node, kpi_id, period`;

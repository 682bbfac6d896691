// The read model's statements. A rollup's figure and RAG come from the database's
// pmo_kpi_figure and pmo_rag over the stored partial state and its KPI's definition; the
// other reads join other libraries' tables (KPI definitions, projects and their values),
// whose entities this library may not import. The freshness read is here too: the dirty
// mark's entity is not loaded at runtime (see KpiModule).
import { KPI_DEFINITION_COLUMNS, KpiDefinitionModel, statement } from '@pmo/core';
import { Rag } from '@pmo/shared';

/** A stored rollup as the KpiRollup type shows it. */
export interface RollupFigureRow {
  tenantId: string;
  kpiId: string;
  period: string;
  projectCount: number;
  computedAt: Date;
  /** Exact (numeric as text): a figure no double can hold fails its own field, not the statement and every other rollup with it. */
  figure: string | null;
  rag: Rag | null;
}

const ROLLUP_COLUMNS = `
  r.tenant_id AS "tenantId", r.kpi_id AS "kpiId", r.period, r.value_count::int AS "projectCount", r.computed_at AS "computedAt",
  pmo_kpi_figure(k.aggregation, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value)::text AS figure,
  pmo_rag(pmo_kpi_figure(k.aggregation, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value),
          k.direction, k.green_threshold, k.amber_threshold) AS rag`;

const FROM_ROLLUPS = 'FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id';

/** One KPI (by key) at a tenant in one period. */
export const ROLLUP_BY_KEY = statement<RollupFigureRow, [tenantId: string, kpiKey: string, period: string]>(
  'rollup-by-key',
  `SELECT ${ROLLUP_COLUMNS} ${FROM_ROLLUPS} WHERE r.tenant_id = $1 AND k.key = $2 AND r.period = $3`,
);

/** Several nodes of one tenant at once ($2, $3: kpi ids and periods, pairwise). */
export const ROLLUPS_AT_NODES = statement<RollupFigureRow, [tenantId: string, kpiIds: string[], periods: string[]]>(
  'rollups-at-nodes',
  `SELECT ${ROLLUP_COLUMNS} ${FROM_ROLLUPS}
     JOIN unnest($2::uuid[], $3::text[]) AS n (kpi_id, period) ON n.kpi_id = r.kpi_id AND n.period = r.period
    WHERE r.tenant_id = $1`,
);

/** Every KPI at a tenant in one period, by key. */
export const ROLLUPS_OF_PERIOD = statement<RollupFigureRow, [tenantId: string, period: string]>(
  'rollups-of-period',
  `SELECT ${ROLLUP_COLUMNS} ${FROM_ROLLUPS} WHERE r.tenant_id = $1 AND r.period = $2 ORDER BY k.key`,
);

/** One KPI (by key) at a tenant over a range of periods, inclusive, oldest first. */
export const ROLLUP_TREND = statement<RollupFigureRow, [tenantId: string, kpiKey: string, from: string, to: string]>(
  'rollup-trend',
  `SELECT ${ROLLUP_COLUMNS} ${FROM_ROLLUPS} WHERE r.tenant_id = $1 AND k.key = $2 AND r.period BETWEEN $3 AND $4 ORDER BY r.period`,
);

/** A node and its children's rollups (those with figures), the node first, then its children by name. */
export const ROLLUPS_OF_NODE_AND_CHILDREN = statement<RollupFigureRow, [tenantId: string, kpiId: string, period: string]>(
  'rollups-of-node-and-children',
  `SELECT ${ROLLUP_COLUMNS} ${FROM_ROLLUPS} JOIN tenants t ON t.id = r.tenant_id
    WHERE (t.id = $1 OR t.parent_id = $1) AND r.kpi_id = $2 AND r.period = $3 ORDER BY t.depth, t.name`,
);

/** A KPI's id by its key, in the tenant's organization (keys are unique there). */
export const KPI_ID_BY_KEY = statement<{ id: string }, [kpiKey: string, tenantId: string]>(
  'kpi-id-by-key',
  'SELECT id FROM kpi_definitions WHERE key = $1 AND org_id = (SELECT org_id FROM tenants WHERE id = $2)',
);

export interface ProjectValueRow {
  projectId: string;
  projectCode: string;
  projectName: string;
  value: number;
  weight: number | null;
}

/** The values a tenant's own projects reported for a KPI and period (the projects library's tables), by code. */
export const OWN_PROJECT_VALUES = statement<ProjectValueRow, [tenantId: string, kpiId: string, period: string]>(
  'own-project-values',
  `SELECT p.id AS "projectId", p.code AS "projectCode", p.name AS "projectName", v.value::float8 AS value, v.weight::float8 AS weight
     FROM kpi_values v JOIN projects p ON p.id = v.project_id
    WHERE v.tenant_id = $1 AND v.kpi_id = $2 AND v.period = $3 ORDER BY p.code`,
);

export interface FreshnessRow {
  pendingNodes: number;
  /** Age in seconds of the oldest pending change; null when there is none. */
  oldestPendingSeconds: number | null;
}

/** Dirty marks anywhere in the tenant's subtree: how many, and how old the oldest is. */
export const FRESHNESS = statement<FreshnessRow, [tenantId: string]>(
  'rollup-freshness',
  `SELECT count(*)::int AS "pendingNodes", extract(epoch FROM clock_timestamp() - min(d.marked_at))::float8 AS "oldestPendingSeconds"
     FROM kpi_rollup_dirty d JOIN tenants t ON t.id = d.tenant_id WHERE t.path @> ARRAY[$1::uuid]`,
);

/** KPI definitions by id, for KpiRollup.kpi. */
export const KPI_DEFINITIONS_BY_ID = statement<KpiDefinitionModel, [ids: string[]]>(
  'kpi-definitions-by-id',
  `SELECT ${KPI_DEFINITION_COLUMNS} FROM kpi_definitions WHERE id = ANY($1::uuid[])`,
);

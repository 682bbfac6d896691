// The reported values' raw statements: the single write in one call, the batch writes
// (unnest), the lock a write takes on its projects, and reads of the standards library's
// KPI definitions (which this library may not import the entity of).
import { KPI_DEFINITION_COLUMNS, KpiDefinitionModel, statement } from '@pmo/core';
import { KpiAggregation, ProjectState, StandardStatus } from '@pmo/shared';
import { KpiValueModel, KpiValueVersionModel } from './kpi-value.model';
import { ValueKpi, ValueProject } from './kpi-value.rules';

/**
 * Locks the projects without joining their tenants: a join in a FOR UPDATE query would
 * drop a row that a concurrent move changed (the recheck compares it with the old
 * tenant's row); the path subquery is evaluated on the row as locked.
 */
export const LOCK_VALUE_PROJECTS = statement<ValueProject, [projectIds: string[]]>(
  'lock-value-projects',
  `SELECT p.id, p.tenant_id AS "tenantId", p.org_id AS "orgId", p.state,
          (SELECT t.path FROM tenants t WHERE t.id = p.tenant_id) AS path
     FROM projects p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id FOR UPDATE OF p`,
);

export const KPIS_BY_KEYS = statement<ValueKpi, [orgIds: string[], keys: string[]]>(
  'kpis-by-keys',
  `SELECT id, org_id AS "orgId", key, tenant_id AS "tenantId", status, aggregation, built_in AS "builtIn", mandatory
     FROM kpi_definitions WHERE org_id = ANY($1::uuid[]) AND key = ANY($2::text[])`,
);

export const KPI_DEFINITIONS_BY_IDS = statement<KpiDefinitionModel, [ids: readonly string[]]>(
  'kpi-definitions-by-ids',
  `SELECT ${KPI_DEFINITION_COLUMNS} FROM kpi_definitions WHERE id = ANY($1::uuid[])`,
);

export interface KeyRow {
  key: string;
}

/** One KPI the project reports values for that is not owned along the tenant path (it would not be in force there). */
export const KEY_NOT_IN_FORCE = statement<KeyRow, [projectId: string, path: string[]]>(
  'key-not-in-force',
  `SELECT d.key FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
    WHERE v.project_id = $1 AND NOT d.tenant_id = ANY($2::uuid[]) LIMIT 1`,
);

/** A replaced or deleted value, as copied into kpi_value_history (exact decimal text). */
export interface HistoryRow {
  project_id: string;
  kpi_id: string;
  period: string;
  value: string;
  weight: string | null;
}

/** Copies the current rows about to be replaced or deleted into the history. */
export const KEEP_VALUE_HISTORY = statement<
  HistoryRow,
  [projectIds: string[], kpiIds: string[], periods: string[], supersededBy: string | null, action: 'REPLACED' | 'DELETED']
>(
  'keep-value-history',
  `INSERT INTO kpi_value_history (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by, recorded_at, superseded_by, action)
   SELECT v.project_id, v.kpi_id, v.period, v.tenant_id, v.org_id, v.value, v.weight, v.recorded_by, v.recorded_at, $4, $5
     FROM kpi_values v JOIN unnest($1::uuid[], $2::uuid[], $3::text[]) AS i (project_id, kpi_id, period)
       ON v.project_id = i.project_id AND v.kpi_id = i.kpi_id AND v.period = i.period
   RETURNING project_id, kpi_id, period, value::text, weight::text`,
);

/** Writes values, replacing those of the same project, KPI and period; numbers come back as the API shows them. */
export const WRITE_VALUES = statement<
  KpiValueModel,
  [
    projectIds: string[],
    kpiIds: string[],
    periods: string[],
    tenantIds: string[],
    orgIds: string[],
    values: string[],
    weights: Array<string | null>,
    recordedBy: string | null,
  ]
>(
  'write-values',
  `INSERT INTO kpi_values AS v (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by)
   SELECT i.project_id, i.kpi_id, i.period, i.tenant_id, i.org_id, i.value, i.weight, $8
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::numeric[], $7::numeric[])
          AS i (project_id, kpi_id, period, tenant_id, org_id, value, weight)
   -- One order for every writer: their dirty marks are locked in the same sequence.
   ORDER BY i.tenant_id, i.kpi_id, i.period, i.project_id
   ON CONFLICT (project_id, kpi_id, period) DO UPDATE
     SET value = EXCLUDED.value, weight = EXCLUDED.weight, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
   RETURNING v.project_id AS "projectId", v.kpi_id AS "kpiId", v.period, v.value::float8 AS value,
             v.weight::float8 AS weight, v.recorded_by AS "recordedBy", v.recorded_at AS "recordedAt"`,
);

/** The replaced versions of each value (keyed project|kpi|period), latest first. */
export const VALUE_HISTORY_OF = statement<KpiValueVersionModel & { key: string }, [projectIds: string[], kpiIds: string[], periods: string[]]>(
  'value-history-of',
  `SELECT h.project_id || '|' || h.kpi_id || '|' || h.period AS key, h.value::float8 AS value, h.weight::float8 AS weight,
          h.recorded_by AS "recordedBy", h.recorded_at AS "recordedAt", h.superseded_at AS "supersededAt",
          h.superseded_by AS "supersededBy", h.action
     FROM kpi_value_history h JOIN unnest($1::uuid[], $2::uuid[], $3::text[]) AS i (project_id, kpi_id, period)
       ON h.project_id = i.project_id AND h.kpi_id = i.kpi_id AND h.period = i.period
    ORDER BY h.id DESC`,
);

/** A project's values, newest period first and by KPI key: one period's, or all of them up to `limit`. */
export const LIST_VALUES = statement<KpiValueModel, [projectId: string, period: string | null, limit: number]>(
  'list-values',
  `SELECT v.project_id AS "projectId", v.kpi_id AS "kpiId", v.period, v.value::float8 AS value, v.weight::float8 AS weight,
          v.recorded_by AS "recordedBy", v.recorded_at AS "recordedAt"
     FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
    WHERE v.project_id = $1 AND ($2::text IS NULL OR v.period = $2)
    ORDER BY v.period DESC, d.key LIMIT $3`,
);

/** What the one-statement write found and did (see the projects migration that creates pmo_record_kpi_value). */
export interface RecordedValueRow {
  /** written; or nothing was written: not_found (no visible project), forbidden (no role to report), refused (a rule). */
  outcome: 'written' | 'not_found' | 'forbidden' | 'refused';
  tenantId: string | null;
  orgId: string | null;
  state: ProjectState | null;
  path: string[] | null;
  kpiId: string | null;
  kpiOrgId: string | null;
  kpiTenantId: string | null;
  kpiStatus: StandardStatus | null;
  kpiAggregation: KpiAggregation | null;
  kpiBuiltIn: boolean | null;
  value: number | null;
  weight: number | null;
  recordedBy: string | null;
  recordedAt: Date | null;
  /** Whether the value can move compliance, and its re-evaluation was written to the outbox. */
  evaluate: boolean | null;
}

/** One reported value in one round trip: the caller's context, the checks and every write of `record`, in one call. */
export const RECORD_VALUE = statement<
  RecordedValueRow,
  [
    sessionId: string,
    userId: string,
    projectId: string,
    kpiKey: string,
    period: string,
    value: string,
    weight: string | null,
    rolesByRank: readonly string[],
    reporters: readonly string[],
    closedStates: readonly string[],
    eventJob: string,
    event: object,
  ]
>(
  'record-kpi-value',
  `SELECT o_outcome AS outcome, o_tenant_id AS "tenantId", o_org_id AS "orgId", o_state AS state, o_path AS path,
          o_kpi_id AS "kpiId", o_kpi_org_id AS "kpiOrgId", o_kpi_tenant_id AS "kpiTenantId", o_kpi_status AS "kpiStatus",
          o_kpi_aggregation AS "kpiAggregation", o_kpi_built_in AS "kpiBuiltIn", o_value AS value, o_weight AS weight,
          o_recorded_by AS "recordedBy", o_recorded_at AS "recordedAt", o_evaluate AS evaluate
     FROM pmo_record_kpi_value($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
);

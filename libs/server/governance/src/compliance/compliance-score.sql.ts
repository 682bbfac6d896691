// The compliance KPI's values: the organization's built-in KPI, and the scores written
// as a system recording (kpi_values by table name: the projects library owns it). The
// kpi_values trigger marks the rollup nodes dirty in the same transaction.
import { statement } from '@pmo/core';
import { Rag } from '@pmo/shared';

export interface ComplianceKpiRow {
  id: string;
}

/** The built-in compliance KPI of the organization `tenantId` belongs to. */
export const COMPLIANCE_KPI = statement<ComplianceKpiRow, [tenantId: string]>(
  'compliance-kpi',
  `SELECT d.id FROM kpi_definitions d JOIN tenants t ON t.org_id = d.org_id
    WHERE t.id = $1 AND d.key = 'compliance' AND d.built_in`,
);

/**
 * Serializes the re-evaluations of one KPI and period until the transaction ends: the one
 * that waited then evaluates on a snapshot that includes whatever the other wrote and
 * every change committed before its job was enqueued, so an older evaluation never
 * overwrites a newer one.
 */
export const LOCK_SCORES = statement<never, [kpiId: string, period: string]>(
  'lock-compliance-scores',
  `SELECT pg_advisory_xact_lock(hashtextextended($1::text || '|' || $2, 0))`,
);

export interface RecordedScoreRow {
  projectId: string;
  tenantId: string;
  orgId: string;
  value: number;
  /** The KPI's RAG of the new score, and of the one it replaced (null for a first score). */
  rag: Rag | null;
  ragBefore: Rag | null;
}

/**
 * Writes the scores of one period for the compliance KPI $1: only the changed ones (an
 * unchanged score marks no rollup node dirty), in the order every kpi_values writer
 * uses. Returns what was written, with the RAG before and after.
 */
export const RECORD_SCORES = statement<RecordedScoreRow, [kpiId: string, period: string, projectIds: string[], scores: string[]]>(
  'record-compliance-scores',
  `WITH input AS (
     SELECT i.project_id, i.score FROM unnest($3::uuid[], $4::numeric[]) AS i (project_id, score)
   ), old AS (
     SELECT v.project_id, v.value FROM kpi_values v JOIN input i ON i.project_id = v.project_id
      WHERE v.kpi_id = $1 AND v.period = $2
   ), written AS (
     INSERT INTO kpi_values AS v (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by)
     SELECT i.project_id, $1, $2, p.tenant_id, p.org_id, i.score, NULL, NULL
       FROM input i JOIN projects p ON p.id = i.project_id
      ORDER BY p.tenant_id, i.project_id
     ON CONFLICT (project_id, kpi_id, period) DO UPDATE
       SET value = EXCLUDED.value, weight = NULL, recorded_by = NULL, recorded_at = now()
       WHERE v.value IS DISTINCT FROM EXCLUDED.value
     RETURNING v.project_id, v.tenant_id, v.org_id, v.value
   )
   SELECT w.project_id AS "projectId", w.tenant_id AS "tenantId", w.org_id AS "orgId", w.value::float8 AS value,
          pmo_rag(w.value::float8, d.direction, d.green_threshold, d.amber_threshold) AS rag,
          pmo_rag(o.value::float8, d.direction, d.green_threshold, d.amber_threshold) AS "ragBefore"
     FROM written w JOIN kpi_definitions d ON d.id = $1
     LEFT JOIN old o ON o.project_id = w.project_id
    ORDER BY w.project_id`,
);

/** Every organization (its hub), for the daily re-evaluation: a definer function, as a job sees no tenant before it enters one. */
export const ORGANIZATIONS = statement<{ orgId: string }, []>('organizations', 'SELECT org_id AS "orgId" FROM pmo_organizations()');

// The evidence a decision freezes, read from the projects library's tables (which a feature
// may not import the entities of): the latest status report and its period's KPI values.
import { statement } from '@pmo/core';
import { Rag } from '@pmo/shared';

export interface LatestReportRow {
  period: string;
  overall: Rag;
  summary: string;
}

export const LATEST_REPORT = statement<LatestReportRow, [projectId: string]>(
  'latest-report',
  'SELECT s.period, s.overall, s.summary FROM status_reports s WHERE s.project_id = $1 ORDER BY s.period DESC LIMIT 1',
);

export interface KpiSnapshotRow {
  kpiKey: string;
  period: string;
  value: number;
  rag: Rag | null;
}

/**
 * The project's values for the period with their RAG by each KPI's thresholds (the rollup's
 * rule, on the exact value). The built-in compliance KPI is left out: the evidence holds
 * the score as evaluated at the decision, whereas its stored value may lag by a job.
 */
export const PERIOD_VALUES = statement<KpiSnapshotRow, [projectId: string, period: string]>(
  'period-values',
  `SELECT d.key AS "kpiKey", v.period, v.value::float8 AS value, pmo_rag(v.value, d.direction, d.green_threshold, d.amber_threshold) AS rag
     FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
    WHERE v.project_id = $1 AND v.period = $2 AND NOT d.built_in
    ORDER BY d.key`,
);

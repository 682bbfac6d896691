// The status reports' raw statement: a set-based copy into the history.
import { statement } from '@pmo/core';
import type { StatusReportEntity } from './status-report.entity';

/** Copies the report as it stands into its history, before a new submission replaces it. */
export const KEEP_REPORT_HISTORY = statement<never, [reportId: string, supersededBy: string | null]>(
  'keep-report-history',
  `INSERT INTO status_report_history (report_id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary,
                                      next_steps, submitted_by, submitted_at, superseded_by)
   SELECT id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary, next_steps, submitted_by, submitted_at, $2
     FROM status_reports WHERE id = $1`,
);

/** Each project's latest visible report (a list with nested fields reads it on every request: written once). */
export const LATEST_REPORTS_OF_PROJECTS = statement<StatusReportEntity, [projectIds: readonly string[]]>(
  'latest-reports-of-projects',
  `SELECT DISTINCT ON (project_id) id, project_id AS "projectId", tenant_id AS "tenantId", org_id AS "orgId", period, overall,
          schedule, cost, scope, summary, next_steps AS "nextSteps", submitted_by AS "submittedBy", submitted_at AS "submittedAt"
     FROM status_reports WHERE project_id = ANY($1::uuid[])
    ORDER BY project_id, period DESC`,
);

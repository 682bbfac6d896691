// The status reports' raw statement: a set-based copy into the history.
import { statement } from '@pmo/core';

/** Copies the report as it stands into its history, before a new submission replaces it. */
export const KEEP_REPORT_HISTORY = statement<never, [reportId: string, supersededBy: string | null]>(
  'keep-report-history',
  `INSERT INTO status_report_history (report_id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary,
                                      next_steps, submitted_by, submitted_at, superseded_by)
   SELECT id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary, next_steps, submitted_by, submitted_at, $2
     FROM status_reports WHERE id = $1`,
);

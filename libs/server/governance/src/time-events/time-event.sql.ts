import { statement } from '@pmo/core';

export interface MarkedRow {
  subjectId: string;
  tenantId: string;
}

/** Marks kind $1 emitted for subjects $2 (with their periods $3, tenants $4, organization $5); answers those not marked before. */
export const MARK_EMITTED = statement<MarkedRow, [kind: string, subjects: string[], periods: string[], tenants: string[], orgId: string]>(
  'time-events-mark',
  `INSERT INTO governance_time_events (kind, subject_id, period, tenant_id, org_id)
   SELECT $1, s, p, t, $5 FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS x (s, p, t)
   ON CONFLICT (kind, subject_id, period) DO NOTHING
   RETURNING subject_id AS "subjectId", tenant_id AS "tenantId"`,
);

export interface OverdueActionRow {
  actionId: string;
  projectId: string;
  tenantId: string;
}

/** Open actions of the subtree of $1 due before $2 (a date) and not before $3: overdue, recent enough to tell. */
export const OVERDUE_ACTIONS = statement<OverdueActionRow, [tenantId: string, today: string, since: string]>(
  'time-events-overdue-actions',
  `SELECT a.id AS "actionId", a.project_id AS "projectId", a.tenant_id AS "tenantId"
     FROM corrective_actions a
    WHERE a.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[$1::uuid])
      AND a.state = 'OPEN' AND a.due_date < $2::date AND a.due_date >= $3::date`,
);

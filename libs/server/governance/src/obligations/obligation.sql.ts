// The set-based reads behind reporting obligations: one statement for a whole subtree and
// one period, whatever its size. What time decides (the state) is left to the rules.
import { statement } from '@pmo/core';

/**
 * `owing`: the projects of the subtree of $1 (or only those in $3) that owe a report for
 * period $2: started by then (start date, else creation, in UTC), not PROPOSED, and not
 * completed or cancelled before the period (a project cancelled before it was ever active
 * owes nothing). Parameters: $1 tenant, $2 period, $3 project ids or null.
 */
export const OWING = `owing AS (
  SELECT p.id, p.tenant_id, p.org_id, p.code, p.current_phase, p.methodology_id, p.methodology_version
    FROM projects p
    LEFT JOIN LATERAL (
      SELECT min(tl.at) FILTER (WHERE tl.state = p.state) AS ended_at, bool_or(tl.state IN ('ACTIVE', 'ON_HOLD')) AS was_active
        FROM project_timeline tl
       WHERE p.state IN ('COMPLETED', 'CANCELLED') AND tl.project_id = p.id
    ) life ON true
   WHERE p.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[$1::uuid])
     AND ($3::uuid[] IS NULL OR p.id = ANY ($3::uuid[]))
     AND to_char(coalesce(p.start_date, (p.created_at AT TIME ZONE 'UTC')::date), 'YYYY-MM') <= $2
     AND (p.state IN ('ACTIVE', 'ON_HOLD')
          OR (p.state IN ('COMPLETED', 'CANCELLED') AND life.was_active AND to_char(life.ended_at AT TIME ZONE 'UTC', 'YYYY-MM') >= $2))
)`;

/** The columns of an obligation's facts, over `owing o`; the joins they need follow in OBLIGATION_JOINS. */
export const OBLIGATION_COLUMNS = `o.id AS "projectId", o.tenant_id AS "tenantId", o.org_id AS "orgId", o.code,
  (v.snapshot->'cadence'->>'dueDay')::int AS "dueDay", (v.snapshot->'cadence'->>'graceDays')::int AS "graceDays",
  r.first_at AS "firstSubmittedAt", w.waived_at AS "waivedAt", w.reason AS "waivedReason"`;

/** The cadence of the methodology version followed, the report's first submission (its history keeps earlier ones) and any waiver. */
export const OBLIGATION_JOINS = `LEFT JOIN methodology_versions v ON v.methodology_id = o.methodology_id AND v.version = o.methodology_version
  LEFT JOIN LATERAL (
    SELECT least(s.submitted_at, (SELECT min(h.submitted_at) FROM status_report_history h WHERE h.report_id = s.id)) AS first_at
      FROM status_reports s WHERE s.project_id = o.id AND s.period = $2
  ) r ON true
  LEFT JOIN reporting_waivers w ON w.project_id = o.id AND w.period = $2`;

export interface ObligationFactsRow {
  projectId: string;
  tenantId: string;
  orgId: string;
  code: string;
  /** The methodology's cadence; null when the project follows none or it names none. */
  dueDay: number | null;
  graceDays: number | null;
  firstSubmittedAt: Date | null;
  waivedAt: Date | null;
  waivedReason: string | null;
}

export const OBLIGATION_FACTS = statement<ObligationFactsRow, [tenantId: string, period: string, projectIds: string[] | null]>(
  'obligation-facts',
  `WITH ${OWING}
   SELECT ${OBLIGATION_COLUMNS}
     FROM owing o
     ${OBLIGATION_JOINS}
    ORDER BY o.code, o.id`,
);

// The facts behind compliance, for a whole subtree and one period in one statement: the
// obligation's facts and, as of a reference instant, what is missing, late or overdue.
import { statement } from '@pmo/core';
import { OBLIGATION_COLUMNS, OBLIGATION_JOINS, ObligationFactsRow, OWING } from '../obligations/obligation.sql';

export interface ComplianceFactsRow extends ObligationFactsRow {
  followsMethodology: boolean;
  mandatoryMissing: string[];
  lateMilestones: string[];
  unpassedGates: string[];
  overdueActions: string[];
}

/**
 * Parameters: $1 tenant, $2 period, $3 project ids or null, $4 the reference day
 * (YYYY-MM-DD), $5 the reference instant. At the reference instant: the mandatory KPIs in
 * force along the project's tenant path without a value for the period (the built-in
 * `compliance` KPI excepted: it is this score), the milestones LATE on the reference day
 * (the projects library's rule), the gates of the phases before the one the project was
 * in (its timeline) not passed by then, and the actions created and overdue by then.
 */
export const COMPLIANCE_FACTS = statement<
  ComplianceFactsRow,
  [tenantId: string, period: string, projectIds: string[] | null, referenceDay: string, referenceInstant: Date]
>(
  'compliance-facts',
  `WITH ${OWING}
   SELECT ${OBLIGATION_COLUMNS}, o.methodology_id IS NOT NULL AS "followsMethodology",
          k.keys AS "mandatoryMissing", ml.names AS "lateMilestones", ug.gates AS "unpassedGates", oa.items AS "overdueActions"
     FROM owing o
     ${OBLIGATION_JOINS}
     CROSS JOIN LATERAL (
       SELECT coalesce(array_agg(d.key ORDER BY d.key), '{}') AS keys
         FROM kpi_definitions d
        WHERE d.tenant_id = ANY ((SELECT t.path FROM tenants t WHERE t.id = o.tenant_id)::uuid[])
          AND d.mandatory AND d.status = 'PUBLISHED' AND NOT d.built_in
          AND NOT EXISTS (SELECT 1 FROM kpi_values x WHERE x.project_id = o.id AND x.kpi_id = d.id AND x.period = $2)
     ) k
     CROSS JOIN LATERAL (
       SELECT coalesce(array_agg(m.name ORDER BY m.due_date, m.name), '{}') AS names
         FROM milestones m
        WHERE m.project_id = o.id AND m.due_date < $4::date AND (m.completed_on IS NULL OR m.completed_on > $4::date)
     ) ml
     LEFT JOIN LATERAL (
       -- The phase at the reference instant: the latest entry by then, else the first one.
       SELECT tl.current_phase AS phase FROM project_timeline tl WHERE tl.project_id = o.id
        ORDER BY tl.at <= $5 DESC, CASE WHEN tl.at <= $5 THEN tl.at END DESC, CASE WHEN tl.at <= $5 THEN tl.id END DESC, tl.at, tl.id
        LIMIT 1
     ) ph ON true
     CROSS JOIN LATERAL (
       SELECT coalesce(array_agg(x.gate_name ORDER BY x.position), '{}') AS gates
         FROM project_phases x
        WHERE x.project_id = o.id AND x.gate_name IS NOT NULL
          AND x.position < (SELECT y.position FROM project_phases y WHERE y.project_id = o.id AND y.name = coalesce(ph.phase, o.current_phase))
          AND NOT EXISTS (SELECT 1 FROM gate_reviews g
                           WHERE g.project_id = o.id AND g.phase_position = x.position
                             AND g.state IN ('APPROVED', 'APPROVED_WITH_CONDITIONS') AND g.decided_at <= $5)
     ) ug
     CROSS JOIN LATERAL (
       SELECT coalesce(array_agg(a.description ORDER BY a.due_date, a.created_at), '{}') AS items
         FROM corrective_actions a
        WHERE a.project_id = o.id AND a.created_at <= $5 AND a.due_date < $4::date AND (a.done_at IS NULL OR a.done_at > $5)
     ) oa
    ORDER BY o.code, o.id`,
);

/** The same statement for a whole subtree (no project ids), prepared under a name of its own. */
export const COMPLIANCE_FACTS_OF_SUBTREE: typeof COMPLIANCE_FACTS = { ...COMPLIANCE_FACTS, name: 'compliance-facts-subtree' };

// How the projects library's tables read as models: one column list per table, so every
// query returns the same shape (numbers as float8, dates as YYYY-MM-DD text).
import { ProjectPhaseModel } from './models/project.model';

export const PROJECT_COLUMNS = `p.id, p.org_id AS "orgId", p.tenant_id AS "tenantId", p.code, p.name, p.description, p.state,
  p.start_date::text AS "startDate", p.end_date::text AS "endDate",
  p.planned_budget::float8 AS "plannedBudget", p.actual_cost::float8 AS "actualCost",
  p.current_phase AS "currentPhase", p.methodology_id AS "methodologyId", p.methodology_version AS "methodologyVersion",
  p.program_id AS "programId", p.manager_id AS "managerId", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

export const PROGRAM_COLUMNS = `g.id, g.tenant_id AS "tenantId", g.name, g.description, g.created_at AS "createdAt"`;

export const MILESTONE_COLUMNS = `m.id, m.project_id AS "projectId", m.tenant_id AS "tenantId", m.org_id AS "orgId", m.name, m.phase,
  m.due_date::text AS "dueDate", m.completed_on::text AS "completedOn"`;

export const STATUS_REPORT_COLUMNS = `s.id, s.project_id AS "projectId", s.period, s.overall, s.schedule, s.cost, s.scope, s.summary,
  s.next_steps AS "nextSteps", s.submitted_by AS "submittedBy", s.submitted_at AS "submittedAt"`;

export const KPI_VALUE_COLUMNS = `v.project_id AS "projectId", v.kpi_id AS "kpiId", v.period, v.value::float8 AS value,
  v.weight::float8 AS weight, v.recorded_by AS "recordedBy", v.recorded_at AS "recordedAt"`;

export interface PhaseRow {
  projectId: string;
  position: number;
  name: string;
  gateName: string | null;
  gateDeliverables: string[];
  gateApproverRole: string | null;
}

export const PHASE_COLUMNS = `ph.project_id AS "projectId", ph.position, ph.name, ph.gate_name AS "gateName",
  ph.gate_deliverables AS "gateDeliverables", ph.gate_approver_role AS "gateApproverRole"`;

export const toPhase = (row: PhaseRow): ProjectPhaseModel => ({
  projectId: row.projectId,
  position: row.position,
  name: row.name,
  gate: row.gateName ? { name: row.gateName, deliverables: row.gateDeliverables, approverRole: row.gateApproverRole } : null,
});

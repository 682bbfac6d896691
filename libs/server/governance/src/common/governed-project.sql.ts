// Governance's statements on the projects library's tables (which a feature may not import
// the entities of) and on the pmo_* functions that answer the independence rules.
import { statement } from '@pmo/core';
import { ProjectState, Role } from '@pmo/shared';

/** What governance needs of a project to apply its rules. */
export interface GovernedProjectRow {
  id: string;
  tenantId: string;
  orgId: string;
  code: string;
  state: ProjectState;
  managerId: string | null;
  currentPhase: string | null;
  methodologyId: string | null;
  methodologyVersion: number | null;
  /** The tenant's path, root first. */
  path: string[];
}

const GOVERNED_COLUMNS = `p.id, p.tenant_id AS "tenantId", p.org_id AS "orgId", p.code, p.state, p.manager_id AS "managerId",
  p.current_phase AS "currentPhase", p.methodology_id AS "methodologyId", p.methodology_version AS "methodologyVersion", t.path`;

export const GOVERNED_PROJECT = statement<GovernedProjectRow, [projectId: string]>(
  'governed-project',
  `SELECT ${GOVERNED_COLUMNS} FROM projects p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = $1`,
);

/** The same, locked for a change of its state or phase (decisions and gates serialize on it). */
export const LOCK_GOVERNED_PROJECT = statement<GovernedProjectRow, [projectId: string]>(
  'lock-governed-project',
  `SELECT ${GOVERNED_COLUMNS} FROM projects p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = $1 FOR UPDATE OF p`,
);

/** A project as the Project GraphQL type's fields read it (the projects library's model). */
export interface ProjectCardRow {
  id: string;
  orgId: string;
  tenantId: string;
  code: string;
  name: string;
  description: string | null;
  state: ProjectState;
  startDate: string | null;
  endDate: string | null;
  plannedBudget: number | null;
  actualCost: number | null;
  currentPhase: string | null;
  methodologyId: string | null;
  methodologyVersion: number | null;
  programId: string | null;
  managerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const PROJECT_CARDS = statement<ProjectCardRow, [projectIds: string[]]>(
  'project-cards',
  `SELECT p.id, p.org_id AS "orgId", p.tenant_id AS "tenantId", p.code, p.name, p.description, p.state,
          p.start_date::text AS "startDate", p.end_date::text AS "endDate",
          p.planned_budget::float8 AS "plannedBudget", p.actual_cost::float8 AS "actualCost",
          p.current_phase AS "currentPhase", p.methodology_id AS "methodologyId", p.methodology_version AS "methodologyVersion",
          p.program_id AS "programId", p.manager_id AS "managerId", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
     FROM projects p WHERE p.id = ANY ($1::uuid[])`,
);

export interface PhaseRow {
  position: number;
  name: string;
  gateName: string | null;
  deliverables: string[];
  approverRole: Role | null;
  /** From the methodology version's snapshot; null when it names none. */
  quorum: number | null;
  /** The competency level a voter must hold, from the snapshot; null when it names none. */
  minApproverLevel: number | null;
}

/** A project's phases in order, with their gates (copied at creation) and each gate's quorum and minimum approver level (from the version it follows). */
export const PROJECT_PHASES = statement<PhaseRow, [projectId: string]>(
  'project-phases',
  `SELECT ph.position, ph.name, ph.gate_name AS "gateName", ph.gate_deliverables AS deliverables, ph.gate_approver_role AS "approverRole",
          (v.snapshot->'phases'->ph.position->'gate'->>'quorum')::int AS quorum,
          (v.snapshot->'phases'->ph.position->'gate'->>'minApproverLevel')::int AS "minApproverLevel"
     FROM project_phases ph
     JOIN projects p ON p.id = ph.project_id
     LEFT JOIN methodology_versions v ON v.methodology_id = p.methodology_id AND v.version = p.methodology_version
    WHERE ph.project_id = $1
    ORDER BY ph.position`,
);

/**
 * The one path by which governance changes a project: its state after a decision, its
 * phase after an approved gate review, each audited by the service that decides it. The
 * projects library's own mutations (updateProject, transitionProject) are people's manual
 * path, and ask governance through core's PhaseGates port before moving past a gate. The
 * project_timeline trigger records every state and phase whichever path wrote it.
 */
export const SET_PROJECT_STATE = statement<never, [projectId: string, state: ProjectState]>(
  'set-project-state',
  'UPDATE projects SET state = $2, updated_at = now() WHERE id = $1',
);

export const SET_PROJECT_PHASE = statement<never, [projectId: string, phase: string]>(
  'set-project-phase',
  'UPDATE projects SET current_phase = $2, updated_at = now() WHERE id = $1',
);

export interface PathMembershipRow {
  userId: string;
  tenantId: string;
  role: Role;
}

/** The active memberships of these users on the tenant or its ancestors (for a tenant the caller sees or reviews). */
export const PATH_MEMBERSHIPS = statement<PathMembershipRow, [userIds: string[], tenantId: string]>(
  'path-memberships',
  'SELECT user_id AS "userId", tenant_id AS "tenantId", role FROM pmo_path_memberships($1::uuid[], $2)',
);

/** Which of these users belong to the organization (one the caller belongs to). */
export const ORG_MEMBERS = statement<{ userId: string }, [userIds: string[], orgId: string]>(
  'org-members',
  'SELECT user_id AS "userId" FROM pmo_org_members($1::uuid[], $2)',
);

// The projects' raw statements: a pmo_* function call, a read of the standards library's
// methodology tables (which this library may not import the entities of), and the reads
// and lock of a project by id, which nearly every request on projects runs: named once,
// so no query is built per call (the rows have the entity's shape).
import { statement } from '@pmo/core';
import type { ProjectEntity } from './project.entity';
import { MethodologySnapshot } from './project.rules';

/** A project row in the entity's shape (also the list's selection: no entity hydration per row). */
export const PROJECT_ROW = `id, org_id AS "orgId", tenant_id AS "tenantId", code, name, description, state,
  start_date::text AS "startDate", end_date::text AS "endDate", planned_budget::text AS "plannedBudget",
  actual_cost::text AS "actualCost", created_at AS "createdAt", updated_at AS "updatedAt", program_id AS "programId",
  manager_id AS "managerId", methodology_id AS "methodologyId", methodology_version AS "methodologyVersion",
  current_phase AS "currentPhase", tier`;

/** A visible project. */
export const PROJECT_BY_ID = statement<ProjectEntity, [id: string]>('project-by-id', `SELECT ${PROJECT_ROW} FROM projects WHERE id = $1`);

/** The visible projects among the ids. */
export const PROJECTS_BY_IDS = statement<ProjectEntity, [ids: readonly string[]]>(
  'projects-by-ids',
  `SELECT ${PROJECT_ROW} FROM projects WHERE id = ANY($1::uuid[])`,
);

/** A visible project, locked for the rest of the transaction. */
export const LOCK_PROJECT = statement<ProjectEntity, [id: string]>('lock-project', `SELECT ${PROJECT_ROW} FROM projects WHERE id = $1 FOR UPDATE`);

export interface MemberCoversRow {
  covers: boolean;
}

/** Whether the user holds a membership on the tenant or one of its ancestors (the caller may see neither). */
export const MEMBER_COVERS = statement<MemberCoversRow, [userId: string, tenantId: string]>('member-covers', 'SELECT pmo_member_covers($1, $2) AS covers');

export interface MethodologyVersionRow {
  id: string;
  version: number;
  snapshot: MethodologySnapshot;
}

/**
 * The given (or latest) published version of a methodology owned along the tenant path. A
 * retired methodology starts no new project; projects already on it keep their copy.
 */
export const PUBLISHED_METHODOLOGY_VERSION = statement<MethodologyVersionRow, [methodologyId: string, path: string[], version: number | null]>(
  'published-methodology-version',
  `SELECT v.methodology_id AS id, v.version, v.snapshot
     FROM methodology_versions v JOIN methodologies m ON m.id = v.methodology_id AND m.status = 'PUBLISHED'
    WHERE v.methodology_id = $1 AND v.tenant_id = ANY($2::uuid[]) AND ($3::int IS NULL OR v.version = $3)
    ORDER BY v.version DESC LIMIT 1`,
);

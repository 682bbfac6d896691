// The milestones of a page of projects, which a list with nested fields reads on every
// request: written once, rows in the entity's shape (no hydration per row).
import { statement } from '@pmo/core';
import type { MilestoneEntity } from './milestone.entity';

/** The visible milestones of the projects, by due date. */
export const MILESTONES_OF_PROJECTS = statement<MilestoneEntity, [projectIds: readonly string[]]>(
  'milestones-of-projects',
  `SELECT id, project_id AS "projectId", tenant_id AS "tenantId", org_id AS "orgId", name, phase,
          due_date::text AS "dueDate", completed_on::text AS "completedOn", created_at AS "createdAt"
     FROM milestones WHERE project_id = ANY($1::uuid[])
    ORDER BY due_date, created_at, id`,
);

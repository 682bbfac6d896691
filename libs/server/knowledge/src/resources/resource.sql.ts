// The pool's statements that earn raw SQL: the definer functions that answer across
// branches (homes, the lock, booked hours, a subtree's ids), the project an allocation is
// for (the projects library's table), and the set-based load and summary by week.
import { statement } from '@pmo/core';
import { TenantKind } from '@pmo/shared';

export interface ResourceHomeRow {
  id: string;
  name: string;
  kind: TenantKind;
  depth: number;
  parentId: string | null;
}

export const RESOURCE_HOMES = statement<ResourceHomeRow, [tenantIds: string[]]>(
  'resource-homes',
  'SELECT id, name, kind, depth, parent_id AS "parentId" FROM pmo_resource_homes($1::uuid[])',
);

export interface LockedResourceRow {
  id: string;
  tenantId: string;
  orgId: string;
  weeklyCapacityHours: number;
  /** The home tenant's path, root first. */
  path: string[];
}

export const LOCK_RESOURCE = statement<LockedResourceRow, [resourceId: string]>(
  'lock-resource',
  `SELECT id, tenant_id AS "tenantId", org_id AS "orgId", weekly_capacity_hours::float8 AS "weeklyCapacityHours", path FROM pmo_lock_resource($1)`,
);

export interface HardWeekRow {
  week: string;
  hardHours: number;
}

export const HARD_WEEKS = statement<HardWeekRow, [resourceId: string, fromDay: string, toDay: string, except: string | null]>(
  'resource-hard-weeks',
  `SELECT to_char(week_start, 'IYYY-"W"IW') AS week, hard_hours::float8 AS "hardHours"
     FROM pmo_resource_hard_weeks($1, $2::date, $3::date, $4::uuid) ORDER BY week_start`,
);

export const RESOURCE_SUBTREE = statement<{ ids: string[] }, [tenantId: string]>('resource-subtree', 'SELECT pmo_resource_subtree($1) AS ids');

export interface AllocationProjectRow {
  id: string;
  tenantId: string;
  orgId: string;
  managerId: string | null;
  path: string[];
}

export const ALLOCATION_PROJECT = statement<AllocationProjectRow, [projectId: string]>(
  'allocation-project',
  `SELECT p.id, p.tenant_id AS "tenantId", p.org_id AS "orgId", p.manager_id AS "managerId", t.path
     FROM projects p JOIN tenants t ON t.id = p.tenant_id WHERE p.id = $1`,
);

/** A project as the Project GraphQL type's fields read it (the projects library's model). */
export interface ProjectCardRow {
  id: string;
  orgId: string;
  tenantId: string;
  code: string;
  name: string;
  description: string | null;
  state: string;
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
  'allocation-project-cards',
  `SELECT p.id, p.org_id AS "orgId", p.tenant_id AS "tenantId", p.code, p.name, p.description, p.state,
          p.start_date::text AS "startDate", p.end_date::text AS "endDate",
          p.planned_budget::float8 AS "plannedBudget", p.actual_cost::float8 AS "actualCost",
          p.current_phase AS "currentPhase", p.methodology_id AS "methodologyId", p.methodology_version AS "methodologyVersion",
          p.program_id AS "programId", p.manager_id AS "managerId", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
     FROM projects p WHERE p.id = ANY ($1::uuid[])`,
);

/** The weeks of a range as their Mondays: generate_series over whole weeks. */
const WEEKS = `SELECT ($2::date + 7 * g) AS day FROM generate_series(0, ($3::date - $2::date) / 7) g`;

export interface ResourceWeekRow {
  resourceId: string;
  week: string;
  capacityHours: number;
  hardHours: number;
  softHours: number;
}

/**
 * Every resource homed in the tenant's subtree, every week of the range, with its approved
 * HARD and SOFT hours; over-allocated weeks only when asked. One statement, set-based: the
 * approved allocations are spread over their weeks and summed first, then joined to the
 * grid of resources and weeks by (resource, week). Rows stay narrow and are ordered by
 * integers (the resources' rank by name, the week's number), so 100,000 of them sort
 * quickly; the resources themselves are read once each, by the caller.
 */
export const RESOURCE_LOAD = statement<ResourceWeekRow, [tenantId: string, fromDay: string, toDay: string, overAllocatedOnly: boolean]>(
  'resource-load',
  `WITH weeks AS (SELECT g AS n, ($2::date + 7 * g) AS day FROM generate_series(0, ($3::date - $2::date) / 7) g),
        pool AS (SELECT r.id, r.weekly_capacity_hours, row_number() OVER (ORDER BY r.name, r.id) AS rank FROM resources r
                  WHERE r.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[$1::uuid])),
        booked AS (
          SELECT a.resource_id, w.day,
                 sum(a.hours_per_week) FILTER (WHERE a.kind = 'HARD') AS hard,
                 sum(a.hours_per_week) FILTER (WHERE a.kind = 'SOFT') AS soft
            FROM resource_allocations a JOIN weeks w ON w.day BETWEEN a.from_week AND a.to_week
           WHERE a.state = 'APPROVED' AND a.resource_id IN (SELECT id FROM pool)
           GROUP BY a.resource_id, w.day)
   SELECT p.id AS "resourceId", to_char(w.day, 'IYYY-"W"IW') AS week, p.weekly_capacity_hours::float8 AS "capacityHours",
          coalesce(b.hard, 0)::float8 AS "hardHours", coalesce(b.soft, 0)::float8 AS "softHours"
     FROM pool p
    CROSS JOIN weeks w
     LEFT JOIN booked b ON b.resource_id = p.id AND b.day = w.day
    WHERE NOT $4 OR coalesce(b.hard, 0) + coalesce(b.soft, 0) > p.weekly_capacity_hours
    ORDER BY p.rank, w.n`,
);

export interface CapacityWeekRow {
  week: string;
  resources: number;
  capacityHours: number;
  hardHours: number;
  softHours: number;
  requestedHours: number;
}

/**
 * Capacity against demand for a tenant's subtree, week by week: the capacity of the
 * resources homed there, their approved HARD and SOFT hours and their requested hours
 * (wherever the projects are). One statement, set-based.
 */
export const CAPACITY_SUMMARY = statement<CapacityWeekRow, [tenantId: string, fromDay: string, toDay: string]>(
  'capacity-summary',
  `WITH weeks AS (${WEEKS}),
        pool AS (SELECT r.id, r.weekly_capacity_hours FROM resources r WHERE r.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[$1::uuid])),
        capacity AS (SELECT count(*)::int AS resources, coalesce(sum(weekly_capacity_hours), 0) AS hours FROM pool),
        demand AS (
          SELECT w.day,
                 sum(a.hours_per_week) FILTER (WHERE a.state = 'APPROVED' AND a.kind = 'HARD') AS hard,
                 sum(a.hours_per_week) FILTER (WHERE a.state = 'APPROVED' AND a.kind = 'SOFT') AS soft,
                 sum(a.hours_per_week) FILTER (WHERE a.state = 'REQUESTED') AS requested
            FROM weeks w
            JOIN resource_allocations a ON w.day BETWEEN a.from_week AND a.to_week AND a.state <> 'REJECTED'
           WHERE a.resource_id IN (SELECT id FROM pool)
           GROUP BY w.day)
   SELECT to_char(w.day, 'IYYY-"W"IW') AS week, c.resources, c.hours::float8 AS "capacityHours",
          coalesce(d.hard, 0)::float8 AS "hardHours", coalesce(d.soft, 0)::float8 AS "softHours", coalesce(d.requested, 0)::float8 AS "requestedHours"
     FROM weeks w CROSS JOIN capacity c LEFT JOIN demand d ON d.day = w.day
    ORDER BY w.day`,
);

/** Which of these users are active members of the organization (one the caller belongs to): governance's definer function. */
export const ORG_MEMBERS = statement<{ userId: string }, [userIds: string[], orgId: string]>(
  'resource-org-members',
  'SELECT user_id AS "userId" FROM pmo_org_members($1::uuid[], $2)',
);

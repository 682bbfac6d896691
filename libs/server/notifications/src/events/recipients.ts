// Who hears of an event, as SQL over the event's tenant ($1) and its payload ($2, jsonb),
// run in the organization's context. Each answers user ids; the fan-out keeps only those
// who may see the entity (a membership on the tenant's path, or the open review team of
// its project) and have not muted the kind.
import { ROLES_BY_RANK } from '@pmo/core';
import { Role } from '@pmo/shared';

export type Recipients = string;

const roleList = (roles: readonly Role[]) => roles.map((role) => `'${role}'`).join(', ');

/** Roles lowest first, as core's permissions rank them: a role's position is its rank. */
const RANKED = `ARRAY[${roleList(ROLES_BY_RANK)}]`;

/** The project's manager ($2.projectId). */
export const PROJECT_MANAGER: Recipients = `SELECT p.manager_id AS user_id FROM projects p WHERE p.id = ($2::jsonb->>'projectId')::uuid`;

/** Holders of these roles at the tenant or above it (a membership covers the subtree): the PMO above. */
export const ROLES_ON_PATH = (...roles: Role[]): Recipients =>
  `SELECT m.user_id FROM memberships m JOIN tenants t ON t.id = $1
    WHERE m.tenant_id = ANY (t.path) AND m.status = 'ACTIVE' AND m.role IN (${roleList(roles)})`;

/** Holders of these roles at the resource's home tenant ($2.homeTenantId) or above it: the PMOs who decide its allocations. */
export const ROLES_ON_HOME_PATH = (...roles: Role[]): Recipients =>
  `SELECT m.user_id FROM memberships m JOIN tenants h ON h.id = ($2::jsonb->>'homeTenantId')::uuid
    WHERE m.tenant_id = ANY (h.path) AND m.status = 'ACTIVE' AND m.role IN (${roleList(roles)})`;

/**
 * Who else may see an event's entity, beyond a membership on the event tenant's path: a
 * condition over the recipient (r.user_id), the tenant ($1) and the payload ($2).
 */
export type Visibility = string;

/** A membership on the path of the resource's home ($2.homeTenantId): the allocation's home-side policy lets them see it. */
export const ON_HOME_PATH: Visibility = `EXISTS (SELECT 1 FROM memberships hm JOIN tenants h ON h.id = ($2::jsonb->>'homeTenantId')::uuid
                     WHERE hm.user_id = r.user_id AND hm.status = 'ACTIVE' AND hm.tenant_id = ANY (h.path))`;

/** Holders of these roles at the tenant itself: its own people, not its ancestors'. */
export const ROLES_AT_TENANT = (...roles: Role[]): Recipients =>
  `SELECT m.user_id FROM memberships m WHERE m.tenant_id = $1 AND m.status = 'ACTIVE' AND m.role IN (${roleList(roles)})`;

/**
 * Who may vote on the gate review ($2.reviewId): its approver role or above on the path, not
 * the manager nor the submitter, and at least the gate's minimum approver level of
 * competency when its methodology version sets one (as the vote itself checks).
 */
export const QUALIFIED_VOTERS: Recipients = `
  SELECT m.user_id FROM gate_reviews g JOIN projects p ON p.id = g.project_id JOIN tenants t ON t.id = g.tenant_id
    JOIN memberships m ON m.tenant_id = ANY (t.path) AND m.status = 'ACTIVE'
    LEFT JOIN methodology_versions v ON v.methodology_id = p.methodology_id AND v.version = p.methodology_version
   WHERE g.id = ($2::jsonb->>'reviewId')::uuid
     AND array_position(${RANKED}, m.role)
         >= array_position(${RANKED}, g.approver_role)
     AND m.user_id IS DISTINCT FROM p.manager_id AND m.user_id <> g.submitted_by
     AND coalesce((v.snapshot->'phases'->g.phase_position->'gate'->>'minApproverLevel')::int, 0)
         <= coalesce((SELECT l.level FROM pmo_competency_levels(ARRAY[m.user_id], p.org_id) l), 0)`;

/** Who submitted the gate review ($2.reviewId). */
export const GATE_SUBMITTER: Recipients = `SELECT g.submitted_by AS user_id FROM gate_reviews g WHERE g.id = ($2::jsonb->>'reviewId')::uuid`;

/** The corrective action's owner and the lead of the review it came from ($2.actionId). */
export const ACTION_OWNER_AND_LEAD: Recipients = `
  SELECT a.owner_id AS user_id FROM corrective_actions a WHERE a.id = ($2::jsonb->>'actionId')::uuid
  UNION ALL
  SELECT r.lead_id FROM corrective_actions a JOIN project_reviews r ON r.id = a.review_id WHERE a.id = ($2::jsonb->>'actionId')::uuid`;

/** The user the event names ($2.userId). */
export const NAMED_USER: Recipients = `SELECT ($2::jsonb->>'userId')::uuid AS user_id`;

/** Nobody in the product: webhooks only. */
export const NOBODY: Recipients = `SELECT NULL::uuid AS user_id WHERE false`;

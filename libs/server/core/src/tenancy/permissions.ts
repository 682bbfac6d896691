// Who may do what: pure rules, unit-tested. A membership's role covers its tenant's
// whole subtree; at any tenant the caller holds the highest role among the memberships
// on that tenant or its ancestors.
import { Role } from '@pmo/shared';
import type { MembershipGrant } from './request-context';

export enum Permission {
  READ = 'READ',
  MANAGE_TENANTS = 'MANAGE_TENANTS',
  MANAGE_MEMBERS = 'MANAGE_MEMBERS',
  MANAGE_STANDARDS = 'MANAGE_STANDARDS',
  MANAGE_PROJECTS = 'MANAGE_PROJECTS',
  REPORT = 'REPORT',
  READ_AUDIT = 'READ_AUDIT',
  REBUILD_ROLLUPS = 'REBUILD_ROLLUPS',
}

const RANK: Record<Role, number> = {
  [Role.VIEWER]: 1,
  [Role.EXECUTIVE]: 2,
  [Role.PROJECT_MANAGER]: 3,
  [Role.PMO_LEAD]: 4,
  [Role.ORG_ADMIN]: 5,
};

const GRANTS: Record<Permission, readonly Role[]> = {
  [Permission.READ]: [Role.ORG_ADMIN, Role.PMO_LEAD, Role.PROJECT_MANAGER, Role.EXECUTIVE, Role.VIEWER],
  [Permission.MANAGE_TENANTS]: [Role.ORG_ADMIN],
  [Permission.MANAGE_MEMBERS]: [Role.ORG_ADMIN, Role.PMO_LEAD],
  [Permission.MANAGE_STANDARDS]: [Role.ORG_ADMIN, Role.PMO_LEAD],
  [Permission.MANAGE_PROJECTS]: [Role.ORG_ADMIN, Role.PMO_LEAD, Role.PROJECT_MANAGER],
  [Permission.REPORT]: [Role.ORG_ADMIN, Role.PMO_LEAD, Role.PROJECT_MANAGER],
  [Permission.READ_AUDIT]: [Role.ORG_ADMIN],
  [Permission.REBUILD_ROLLUPS]: [Role.ORG_ADMIN],
};

/** Every role, lowest rank first: for a statement that decides a caller's role itself (array_position as the rank). */
export const ROLES_BY_RANK: readonly Role[] = (Object.keys(RANK) as Role[]).sort((a, b) => RANK[a] - RANK[b]);

/** The roles that hold `permission`. */
export function rolesWith(permission: Permission): readonly Role[] {
  return GRANTS[permission];
}

/** The caller's role at a tenant whose path (root first, self last) is given. */
export function effectiveRole(grants: readonly MembershipGrant[], path: readonly string[]): Role | null {
  let best: Role | null = null;
  for (const grant of grants) {
    if (path.includes(grant.tenantId) && (!best || RANK[grant.role] > RANK[best])) best = grant.role;
  }
  return best;
}

/** Whether `role` is `minimum` or above it. */
export function atLeast(role: Role | null, minimum: Role): boolean {
  return role !== null && RANK[role] >= RANK[minimum];
}

export function allows(role: Role | null, permission: Permission): boolean {
  return role !== null && GRANTS[permission].includes(role);
}

/** ORG_ADMIN grants any role; PMO_LEAD up to PMO_LEAD; nobody grants above their own. */
export function mayGrant(granter: Role | null, role: Role): boolean {
  return allows(granter, Permission.MANAGE_MEMBERS) && RANK[role] <= RANK[granter as Role];
}

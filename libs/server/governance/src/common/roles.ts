// Who may take part in governance, as pure rules on memberships: a membership's role holds
// on its tenant and the whole subtree below it (core's rule); governance also asks for a
// role at least as high as another, for a role held strictly above a tenant, and for no
// role at all on a tenant's path (independence).
import { Role } from '@pmo/shared';

export interface PathMembership {
  tenantId: string;
  role: Role;
}

const RANK: Record<Role, number> = {
  [Role.VIEWER]: 1,
  [Role.EXECUTIVE]: 2,
  [Role.PROJECT_MANAGER]: 3,
  [Role.PMO_LEAD]: 4,
  [Role.ORG_ADMIN]: 5,
};

/** Whether `role` is `minimum` or above it. */
export function atLeast(role: Role | null, minimum: Role): boolean {
  return role !== null && RANK[role] >= RANK[minimum];
}

/** The highest role among the memberships on `path` (root first, the tenant last). */
export function highestOn(memberships: readonly PathMembership[], path: readonly string[]): Role | null {
  let best: Role | null = null;
  for (const m of memberships) if (path.includes(m.tenantId) && (best === null || RANK[m.role] > RANK[best])) best = m.role;
  return best;
}

/** Whether one of the memberships on `path` has one of `roles` (not "at least": EXECUTIVE is not below PMO_LEAD's rights). */
export function holdsOneOf(memberships: readonly PathMembership[], path: readonly string[], roles: readonly Role[]): boolean {
  return memberships.some((m) => path.includes(m.tenantId) && roles.includes(m.role));
}

/** The highest role held on a tenant strictly above the last one of `path`. */
export function highestAbove(memberships: readonly PathMembership[], path: readonly string[]): Role | null {
  return highestOn(memberships, path.slice(0, -1));
}

// Who may take part in governance, as pure rules on memberships: a membership's role holds
// on its tenant and the whole subtree below it, and roles rank as core ranks them
// (`effectiveRole`, `atLeast`); governance also asks for a role held strictly above a
// tenant, and for one of several roles on a tenant's path.
import { effectiveRole } from '@pmo/core';
import { Role } from '@pmo/shared';

export interface PathMembership {
  tenantId: string;
  role: Role;
}

/** Whether one of the memberships on `path` has one of `roles` (not "at least": EXECUTIVE is not below PMO_LEAD's rights). */
export function holdsOneOf(memberships: readonly PathMembership[], path: readonly string[], roles: readonly Role[]): boolean {
  return memberships.some((m) => path.includes(m.tenantId) && roles.includes(m.role));
}

/** The highest role held on a tenant strictly above the last one of `path`. */
export function highestAbove(memberships: readonly PathMembership[], path: readonly string[]): Role | null {
  return effectiveRole(memberships, path.slice(0, -1));
}

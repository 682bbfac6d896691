// Memberships' locking statements and the invitee's acceptance (a definer function: the
// invitee cannot see the tenant's side of an invitation).
import { MembershipStatus, Role, TenantKind } from '@pmo/shared';
import { statement } from '../database/sql';

export interface HeldMembershipRow {
  userId: string;
  tenantId: string;
  role: Role;
  status: MembershipStatus;
  orgId: string;
  /** The kind of the membership's tenant. */
  kind: TenantKind;
}

/** A member's role at a tenant, locked until the transaction ends. */
export const LOCK_MEMBERSHIP = statement<HeldMembershipRow, [userId: string, tenantId: string]>(
  'lock-membership',
  `SELECT m.user_id AS "userId", m.tenant_id AS "tenantId", m.role, m.status, m.org_id AS "orgId", t.kind
     FROM memberships m JOIN tenants t ON t.id = m.tenant_id
    WHERE m.user_id = $1 AND m.tenant_id = $2 FOR UPDATE OF m`,
);

/** A tenant's active ORG_ADMINs, locked: two changes cannot both remove the last one. */
export const LOCK_ACTIVE_ADMINS = statement<{ userId: string }, [tenantId: string]>(
  'lock-active-admins',
  `SELECT user_id AS "userId" FROM memberships WHERE tenant_id = $1 AND role = 'ORG_ADMIN' AND status = 'ACTIVE' FOR UPDATE`,
);

/** The caller accepts their invitation to a tenant: its role, or null when there was none. */
export const ACCEPT_INVITATION = statement<{ role: Role | null }, [tenantId: string]>('accept-invitation', 'SELECT pmo_accept_invitation($1) AS role');

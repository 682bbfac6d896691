// Memberships: who holds which role where. Granting follows the role ladder: nobody
// grants a role above their own, or outside their subtree.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import {
  AccessService,
  AuditService,
  conflict,
  forbidden,
  groupByKeys,
  hashPassword,
  mayGrant,
  notFound,
  Permission,
  requestLoader,
  requireUuid,
  TenantDb,
} from '@pmo/core';
import { AddMemberInput } from './dto/auth.inputs';
import { MembershipModel } from './models/user.model';
import { checkPassword, normalizeEmail } from './validation';

type MembershipRow = Omit<MembershipModel, 'tenant'>;

@Injectable()
export class MemberService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async addMember(input: AddMemberInput): Promise<MembershipRow> {
    const tenantId = requireUuid(input.tenantId, 'tenantId');
    const email = normalizeEmail(input.email);
    const passwordHash = input.password === undefined || input.password === null ? null : await hashPassword(checkPassword(input.password));
    return this.db.transaction(async (em) => {
      const roles = await this.access.require(em, Permission.MANAGE_MEMBERS, [tenantId]);
      if (!mayGrant(roles.get(tenantId) ?? null, input.role)) throw forbidden(`You may not grant ${input.role}`);
      const [tenant] = await em.query('SELECT org_id FROM tenants WHERE id = $1', [tenantId]);
      const [existing]: Array<{ id: string }> = await em.query('SELECT id FROM pmo_user_by_email($1)', [email]);
      let userId = existing?.id;
      if (userId && passwordHash) throw conflict('A user with this email exists: add them without a password');
      if (!userId) {
        if (!passwordHash) throw notFound('User');
        userId = randomUUID();
        await em.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [userId, email, passwordHash]);
      }
      const inserted = await em.query(
        `INSERT INTO memberships (user_id, tenant_id, org_id, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, tenant_id) DO NOTHING RETURNING user_id`,
        [userId, tenantId, tenant.org_id, input.role],
      );
      if (!inserted.length) throw conflict('This user is already a member of this tenant');
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId,
        orgId: tenant.org_id,
        entity: 'membership',
        entityId: `${userId}:${tenantId}`,
        action: 'create',
        after: { email, role: input.role, created: !existing },
      });
      return { userId, tenantId, role: input.role };
    });
  }

  /** The user's memberships the caller can see (their own, or inside the caller's subtrees). */
  membershipsOf(userId: string): Promise<MembershipRow[]> {
    return requestLoader<string, MembershipRow[]>('membership.byUser', (userIds) =>
      this.db.transaction(async (em) => {
        const rows: MembershipRow[] = await em.query(
          `SELECT m.user_id AS "userId", m.tenant_id AS "tenantId", m.role
             FROM memberships m JOIN tenants t ON t.id = m.tenant_id
            WHERE m.user_id = ANY($1::uuid[]) ORDER BY t.depth, t.name`,
          [userIds],
        );
        return groupByKeys(userIds, rows, (row) => row.userId);
      }, { fresh: true }),
    ).load(userId);
  }

  static readonly ROLES = Object.values(Role);
}

// Memberships: who holds which role where. Granting follows the role ladder: nobody
// grants, changes or removes a role above their own, or outside their subtree. Adding
// someone who already has an account only invites them: the membership grants nothing
// until they accept, so nobody is attached to an organization without consent.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MembershipStatus, Role, TenantKind } from '@pmo/shared';
import {
  AccessService,
  AuditService,
  conflict,
  currentContext,
  forbidden,
  groupByKeys,
  hashPassword,
  mayGrant,
  notFound,
  Permission,
  requestLoader,
  requireUuid,
  SessionEvents,
  TenantDb,
  ThrottleService,
} from '@pmo/core';
import { AddMemberInput } from './dto/auth.inputs';
import { MembershipModel } from './models/user.model';
import { checkPassword, normalizeEmail } from './validation';

type MembershipRow = Omit<MembershipModel, 'tenant'>;

interface HeldRole {
  role: Role;
  orgId: string;
  kind: TenantKind;
  callerRole: Role | null;
}

@Injectable()
export class MemberService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessions: SessionEvents,
    private readonly throttle: ThrottleService,
  ) {}

  async addMember(input: AddMemberInput): Promise<MembershipRow> {
    const tenantId = requireUuid(input.tenantId, 'tenantId');
    const email = normalizeEmail(input.email);
    const password = input.password === undefined || input.password === null ? null : checkPassword(input.password);
    return this.db.transaction(async (em) => {
      const roles = await this.access.require(em, Permission.MANAGE_MEMBERS, [tenantId]);
      if (!mayGrant(roles.get(tenantId) ?? null, input.role)) throw forbidden(`You may not grant ${input.role}`);
      // Each account made here costs a password hash: counted per member who makes them.
      const actor = currentContext().actor;
      if (password !== null && actor.kind === 'user') await this.throttle.attempt('member-accounts', actor.userId);
      const [tenant]: Array<{ orgId: string }> = await em.query('SELECT org_id AS "orgId" FROM tenants WHERE id = $1', [tenantId]);
      const [existing]: Array<{ id: string }> = await em.query('SELECT id FROM pmo_user_by_email($1)', [email]);
      let userId = existing?.id;
      let status = MembershipStatus.INVITED;
      if (!userId) {
        // No account yet: with a password the account is made here and is active at
        // once; without one it waits, passwordless, for its owner to sign up.
        userId = randomUUID();
        const passwordHash = password === null ? '' : await hashPassword(password);
        await em.query('INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)', [userId, email, passwordHash]);
        if (passwordHash) status = MembershipStatus.ACTIVE;
      }
      const inserted = await em.query(
        `INSERT INTO memberships (user_id, tenant_id, org_id, role, status) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, tenant_id) DO NOTHING RETURNING user_id`,
        [userId, tenantId, tenant.orgId, input.role, status],
      );
      if (!inserted.length) throw conflict('This user is already a member of this tenant, or invited to it');
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId,
        orgId: tenant.orgId,
        entity: 'membership',
        entityId: `${userId}:${tenantId}`,
        action: status === MembershipStatus.ACTIVE ? 'create' : 'invite',
        after: { email, role: input.role, status },
      });
      return { userId, tenantId, role: input.role, status };
    });
  }

  /** Changes a member's role; the change holds from their next statement on. */
  async updateMemberRole(tenantIdInput: string, userIdInput: string, role: Role): Promise<MembershipRow> {
    const tenantId = requireUuid(tenantIdInput, 'tenantId');
    const userId = requireUuid(userIdInput, 'userId');
    return this.db.transaction(async (em) => {
      const held = await this.heldRole(em, tenantId, userId);
      if (!mayGrant(held.callerRole, role)) throw forbidden(`You may not grant ${role}`);
      // An UPDATE answers [rows, count].
      const [[updated]]: [Array<{ status: MembershipStatus }>, number] = await em.query(
        'UPDATE memberships SET role = $3 WHERE user_id = $1 AND tenant_id = $2 RETURNING status',
        [userId, tenantId, role],
      );
      if (held.role === Role.ORG_ADMIN && role !== Role.ORG_ADMIN) await this.keepAnAdmin(em, tenantId, held);
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId,
        orgId: held.orgId,
        entity: 'membership',
        entityId: `${userId}:${tenantId}`,
        action: 'update',
        before: { role: held.role },
        after: { role },
      });
      return { userId, tenantId, role, status: updated.status };
    });
  }

  /** Removes a member (or withdraws an invitation); their access to the tenant ends at once. */
  async removeMember(tenantIdInput: string, userIdInput: string): Promise<boolean> {
    const tenantId = requireUuid(tenantIdInput, 'tenantId');
    const userId = requireUuid(userIdInput, 'userId');
    return this.db.transaction(async (em) => {
      const held = await this.heldRole(em, tenantId, userId);
      await em.query('DELETE FROM memberships WHERE user_id = $1 AND tenant_id = $2', [userId, tenantId]);
      if (held.role === Role.ORG_ADMIN) await this.keepAnAdmin(em, tenantId, held);
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId,
        orgId: held.orgId,
        entity: 'membership',
        entityId: `${userId}:${tenantId}`,
        action: 'delete',
        before: { role: held.role },
      });
      this.db.afterCommit(() => this.sessions.ended(userId));
      return true;
    });
  }

  /** The invitee accepts: the membership becomes ACTIVE with the role it offered. */
  async acceptInvitation(tenantIdInput: string): Promise<MembershipRow> {
    const tenantId = requireUuid(tenantIdInput, 'tenantId');
    return this.db.transaction(async (em) => {
      const [{ role }]: Array<{ role: Role | null }> = await em.query('SELECT pmo_accept_invitation($1) AS role', [tenantId]);
      if (!role) throw notFound('Invitation');
      await this.db.refreshContext(em);
      this.access.invalidate();
      const [tenant]: Array<{ orgId: string }> = await em.query('SELECT org_id AS "orgId" FROM tenants WHERE id = $1', [tenantId]);
      const actor = currentContext().actor;
      const userId = actor.kind === 'user' ? actor.userId : '';
      await this.audit.record(em, {
        tenantId,
        orgId: tenant.orgId,
        entity: 'membership',
        entityId: `${userId}:${tenantId}`,
        action: 'accept',
        after: { role },
      });
      return { userId, tenantId, role, status: MembershipStatus.ACTIVE };
    });
  }

  /** The invitee declines: the invitation is gone, and it never granted anything. */
  async declineInvitation(tenantIdInput: string): Promise<boolean> {
    const tenantId = requireUuid(tenantIdInput, 'tenantId');
    return this.db.transaction(async (em) => {
      const [, deleted] = await em.query(`DELETE FROM memberships WHERE user_id = pmo_user() AND tenant_id = $1 AND status = 'INVITED'`, [tenantId]);
      if (!deleted) throw notFound('Invitation');
      return true;
    });
  }

  /** The user's memberships the caller can see (their own, or inside the caller's subtrees). */
  membershipsOf(userId: string): Promise<MembershipRow[]> {
    return requestLoader<string, MembershipRow[]>('membership.byUser', (userIds) =>
      this.db.transaction(
        async (em) => {
          const rows: MembershipRow[] = await em.query(
            `SELECT m.user_id AS "userId", m.tenant_id AS "tenantId", m.role, m.status
             FROM memberships m JOIN tenants t ON t.id = m.tenant_id
            WHERE m.user_id = ANY($1::uuid[]) ORDER BY t.depth, t.name`,
            [userIds],
          );
          return groupByKeys(userIds, rows, (row) => row.userId);
        },
        { fresh: true },
      ),
    ).load(userId);
  }

  /**
   * The member's role at the tenant, locked for the change; the caller must manage
   * members there and rank at least as high as the role (NOT_FOUND when there is none).
   */
  private async heldRole(em: EntityManager, tenantId: string, userId: string): Promise<HeldRole> {
    const roles = await this.access.require(em, Permission.MANAGE_MEMBERS, [tenantId]);
    const [held]: Array<Omit<HeldRole, 'callerRole'>> = await em.query(
      `SELECT m.role, m.org_id AS "orgId", t.kind FROM memberships m JOIN tenants t ON t.id = m.tenant_id
        WHERE m.user_id = $1 AND m.tenant_id = $2 FOR UPDATE OF m`,
      [userId, tenantId],
    );
    if (!held) throw notFound('Membership');
    const callerRole = roles.get(tenantId) ?? null;
    if (!mayGrant(callerRole, held.role)) throw forbidden(`You may not change a ${held.role}`);
    return { ...held, callerRole };
  }

  /** An organization never loses its last active ORG_ADMIN at the hub (locked, so two removals cannot race past it). */
  private async keepAnAdmin(em: EntityManager, tenantId: string, held: HeldRole): Promise<void> {
    if (held.kind !== TenantKind.HUB) return;
    const admins = await em.query(`SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = $2 AND status = 'ACTIVE' FOR UPDATE`, [
      tenantId,
      Role.ORG_ADMIN,
    ]);
    if (!admins.length) throw conflict('An organization keeps at least one ORG_ADMIN at its hub');
  }
}

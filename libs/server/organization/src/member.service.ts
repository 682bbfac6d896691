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
  MembershipRepository,
  notFound,
  Permission,
  requestLoader,
  SessionEvents,
  TenantDb,
  TenantRepository,
  ThrottleService,
  UserRepository,
} from '@pmo/core';
import { AddMemberInput } from './dto/auth.inputs';
import { MembershipModel } from './models/user.model';

type MembershipRow = Omit<MembershipModel, 'tenant'>;

interface HeldRole {
  /** The member and tenant as the database writes their ids. */
  userId: string;
  tenantId: string;
  role: Role;
  status: MembershipStatus;
  orgId: string;
  kind: TenantKind;
  callerRole: Role | null;
}

/** The caller's role at the one tenant `AccessService.require` was asked about. */
const onlyRole = (roles: Map<string, Role | null>): Role | null => roles.values().next().value ?? null;

@Injectable()
export class MemberService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sessionEvents: SessionEvents,
    private readonly throttle: ThrottleService,
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async addMember(input: AddMemberInput): Promise<MembershipRow> {
    const { email, role } = input;
    const password = input.password ?? null;
    return this.db.transaction(async (em) => {
      const roles = await this.access.require(em, Permission.MANAGE_MEMBERS, [input.tenantId]);
      if (!mayGrant(onlyRole(roles), role)) throw forbidden(`You may not grant ${role}`);
      // Each account made here costs a password hash: counted per member who makes them.
      const actor = currentContext().actor;
      if (password !== null && actor.kind === 'user') await this.throttle.attempt('member-accounts', actor.userId);
      const tenant = await this.tenants.byId(em, input.tenantId);
      if (!tenant) throw notFound('Tenant');
      const existing = await this.users.credentialsByEmail(em, email);
      let userId = existing?.id;
      let status = MembershipStatus.INVITED;
      if (!userId) {
        // No account yet: with a password the account is made here and is active at
        // once; without one it waits, passwordless, for its owner to sign up.
        userId = randomUUID();
        const passwordHash = password === null ? '' : await hashPassword(password);
        await this.users.insert(em, { id: userId, email, passwordHash });
        if (passwordHash) status = MembershipStatus.ACTIVE;
      }
      if (!(await this.memberships.add(em, { userId, tenantId: tenant.id, orgId: tenant.orgId, role, status }))) {
        throw conflict('This user is already a member of this tenant, or invited to it');
      }
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId: tenant.id,
        orgId: tenant.orgId,
        entity: 'membership',
        entityId: `${userId}:${tenant.id}`,
        action: status === MembershipStatus.ACTIVE ? 'create' : 'invite',
        after: { email, role, status },
      });
      return { userId, tenantId: tenant.id, role, status };
    });
  }

  /** Changes a member's role; the change holds from their next statement on. */
  async updateMemberRole(tenantId: string, userId: string, role: Role): Promise<MembershipRow> {
    return this.db.transaction(async (em) => {
      const held = await this.heldRole(em, tenantId, userId);
      if (!mayGrant(held.callerRole, role)) throw forbidden(`You may not grant ${role}`);
      await this.memberships.setRole(em, held.userId, held.tenantId, role);
      if (held.role === Role.ORG_ADMIN && role !== Role.ORG_ADMIN) await this.keepAnAdmin(em, held);
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId: held.tenantId,
        orgId: held.orgId,
        entity: 'membership',
        entityId: `${held.userId}:${held.tenantId}`,
        action: 'update',
        before: { role: held.role },
        after: { role },
      });
      return { userId: held.userId, tenantId: held.tenantId, role, status: held.status };
    });
  }

  /** Removes a member (or withdraws an invitation); their access to the tenant ends at once. */
  async removeMember(tenantId: string, userId: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const held = await this.heldRole(em, tenantId, userId);
      await this.memberships.remove(em, held.userId, held.tenantId);
      if (held.role === Role.ORG_ADMIN) await this.keepAnAdmin(em, held);
      this.access.invalidate();
      await this.audit.record(em, {
        tenantId: held.tenantId,
        orgId: held.orgId,
        entity: 'membership',
        entityId: `${held.userId}:${held.tenantId}`,
        action: 'delete',
        before: { role: held.role },
      });
      this.db.afterCommit(() => this.sessionEvents.ended(held.userId));
      return true;
    });
  }

  /** The invitee accepts: the membership becomes ACTIVE with the role it offered. */
  async acceptInvitation(tenantId: string): Promise<MembershipRow> {
    return this.db.transaction(async (em) => {
      const role = await this.memberships.acceptInvitation(em, tenantId);
      if (!role) throw notFound('Invitation');
      await this.db.refreshContext(em);
      this.access.invalidate();
      const tenant = await this.tenants.byId(em, tenantId);
      if (!tenant) throw notFound('Tenant');
      const actor = currentContext().actor;
      const userId = actor.kind === 'user' ? actor.userId : '';
      await this.audit.record(em, {
        tenantId: tenant.id,
        orgId: tenant.orgId,
        entity: 'membership',
        entityId: `${userId}:${tenant.id}`,
        action: 'accept',
        after: { role },
      });
      return { userId, tenantId: tenant.id, role, status: MembershipStatus.ACTIVE };
    });
  }

  /** The invitee declines: the invitation is gone, and it never granted anything. */
  async declineInvitation(tenantId: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      if (!(await this.memberships.declineInvitation(em, tenantId))) throw notFound('Invitation');
      return true;
    });
  }

  /** The user's memberships the caller can see (their own, or inside the caller's subtrees). */
  membershipsOf(userId: string): Promise<MembershipRow[]> {
    return requestLoader<string, MembershipRow[]>('membership.byUser', (userIds) =>
      this.db.transaction(
        async (em) => {
          const rows = await this.memberships.ofUsers(em, userIds);
          return groupByKeys(
            userIds,
            rows.map(({ userId, tenantId, role, status }) => ({ userId, tenantId, role, status })),
            (row) => row.userId,
          );
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
    const held = await this.memberships.lock(em, userId, tenantId);
    if (!held) throw notFound('Membership');
    const callerRole = onlyRole(roles);
    if (!mayGrant(callerRole, held.role)) throw forbidden(`You may not change a ${held.role}`);
    return { ...held, callerRole };
  }

  /** An organization never loses its last active ORG_ADMIN at the hub (locked, so two removals cannot race past it). */
  private async keepAnAdmin(em: EntityManager, held: HeldRole): Promise<void> {
    if (held.kind !== TenantKind.HUB) return;
    if (!(await this.memberships.lockActiveAdmins(em, held.tenantId))) throw conflict('An organization keeps at least one ORG_ADMIN at its hub');
  }
}

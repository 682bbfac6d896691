// Statements on memberships: who holds which role where. The app role reads those of its
// subtrees and the caller's own, and changes those of its subtrees; an invitee may only
// accept or decline their own invitation.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MembershipStatus, Role } from '@pmo/shared';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { run, runOne } from '../database/sql';
import { MembershipEntity } from './membership.entity';
import { ACCEPT_INVITATION, HeldMembershipRow, LOCK_ACTIVE_ADMINS, LOCK_MEMBERSHIP } from './membership.sql';
import { MembershipGrant } from './request-context';
import { TenantEntity } from './tenant.entity';

export type NewMembership = Pick<MembershipEntity, 'userId' | 'tenantId' | 'orgId' | 'role' | 'status'>;
export type MembershipTenant = Pick<MembershipEntity, 'tenantId' | 'orgId'>;

@Injectable()
export class MembershipRepository {
  /** The signed-in caller's active grants (none in a job's context). */
  @GenerateSql()
  async grantsOfCaller(em: EntityManager): Promise<MembershipGrant[]> {
    const rows = await em
      .createQueryBuilder(MembershipEntity, 'm')
      .select(['m.userId', 'm.tenantId', 'm.role'])
      .where('m.user_id = pmo_user()')
      .andWhere('m.status = :status', { status: MembershipStatus.ACTIVE })
      .getMany();
    return rows.map(({ tenantId, role }) => ({ tenantId, role }));
  }

  /** Where a user holds an active role (within what the caller sees). */
  @GenerateSql({ params: [DummyValue.UUID] })
  activeOf(em: EntityManager, userId: string): Promise<MembershipTenant[]> {
    return em.find(MembershipEntity, { select: { tenantId: true, orgId: true }, where: { userId, status: MembershipStatus.ACTIVE } });
  }

  /** The visible memberships of these users, shallowest tenant first, then by tenant name. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  ofUsers(em: EntityManager, userIds: readonly string[]): Promise<MembershipEntity[]> {
    return em
      .createQueryBuilder(MembershipEntity, 'm')
      .innerJoin(TenantEntity, 't', 't.id = m.tenant_id')
      .where('m.user_id = ANY(:userIds)', { userIds })
      .orderBy('t.depth')
      .addOrderBy('t.name')
      .getMany();
  }

  /** Adds a membership unless the user already holds or was offered one there (false then). */
  @GenerateSql({
    params: [{ userId: DummyValue.UUID, tenantId: DummyValue.UUID_2, orgId: DummyValue.UUID_2, role: Role.VIEWER, status: MembershipStatus.INVITED }],
  })
  async add(em: EntityManager, membership: NewMembership): Promise<boolean> {
    const { raw } = await em
      .createQueryBuilder()
      .insert()
      .into(MembershipEntity)
      .values(membership)
      .orIgnore()
      .returning('user_id')
      .updateEntity(false)
      .execute();
    return (raw as unknown[]).length > 0;
  }

  /** A member's role at a tenant, locked for a change; undefined when there is none. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2] })
  lock(em: EntityManager, userId: string, tenantId: string): Promise<HeldMembershipRow | undefined> {
    return runOne(em, LOCK_MEMBERSHIP, [userId, tenantId]);
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2, Role.PMO_LEAD] })
  async setRole(em: EntityManager, userId: string, tenantId: string, role: Role): Promise<void> {
    await em.update(MembershipEntity, { userId, tenantId }, { role });
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2] })
  async remove(em: EntityManager, userId: string, tenantId: string): Promise<void> {
    await em.delete(MembershipEntity, { userId, tenantId });
  }

  /** How many active ORG_ADMINs the tenant has, all locked until the transaction ends. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async lockActiveAdmins(em: EntityManager, tenantId: string): Promise<number> {
    return (await run(em, LOCK_ACTIVE_ADMINS, [tenantId])).length;
  }

  /** The caller accepts their invitation: the role it offered, now held; null when there was none. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async acceptInvitation(em: EntityManager, tenantId: string): Promise<Role | null> {
    return (await runOne(em, ACCEPT_INVITATION, [tenantId]))?.role ?? null;
  }

  /** The caller declines their invitation; false when there was none. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async declineInvitation(em: EntityManager, tenantId: string): Promise<boolean> {
    const { affected } = await em
      .createQueryBuilder()
      .delete()
      .from(MembershipEntity)
      .where('user_id = pmo_user()')
      .andWhere({ tenantId, status: MembershipStatus.INVITED })
      .execute();
    return Boolean(affected);
  }
}

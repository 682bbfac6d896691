// Memberships' repository and RLS policies: the app role reads the memberships of its
// subtrees and the caller's own, changes and removes those of its subtrees only, and
// makes nobody an active member without consent (an invitation, the caller's own, or an
// account made in the same transaction); an invitee accepts or declines only their own.
import { randomUUID } from 'node:crypto';
import { MembershipStatus, Role, TenantKind } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { MembershipEntity } from './membership.entity';
import { MembershipRepository } from './membership.repository';
import { UserRepository } from './user.repository';

describe('MembershipRepository', () => {
  const memberships = new MembershipRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let europe: SeededTenant;
  let asia: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let europeAdmin: SeededUser;
  let stranger: SeededUser;

  const held = (userId: string, tenantId: string) => db.owner.getRepository(MembershipEntity).findOneBy({ userId, tenantId });
  const invite = (user: SeededUser, tenant: SeededTenant, role = Role.VIEWER) =>
    db.owner.query(`INSERT INTO memberships (user_id, tenant_id, org_id, role, status) VALUES ($1, $2, $3, $4, 'INVITED')`, [
      user.id,
      tenant.id,
      tenant.orgId,
      role,
    ]);

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Hub');
    europe = await db.spoke(hub, 'Europe');
    asia = await db.spoke(hub, 'Asia');
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    europeAdmin = await db.user([[europe, Role.ORG_ADMIN]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  it('reads the caller’s active grants, not its invitations', async () => {
    const user = await db.user([[europe, Role.PMO_LEAD]]);
    await invite(user, asia);
    expect(await db.as(user, (em) => memberships.grantsOfCaller(em))).toEqual([{ tenantId: europe.id, role: Role.PMO_LEAD }]);
    expect(await db.asSystem(hub, (em) => memberships.grantsOfCaller(em))).toEqual([]);
  });

  it('reads a user’s memberships within the caller’s subtrees, shallowest tenant first, then by name', async () => {
    const user = await db.user([
      [asia, Role.VIEWER],
      [hub, Role.EXECUTIVE],
      [europe, Role.PMO_LEAD],
      [other, Role.VIEWER],
    ]);
    const seen = (caller: SeededUser) => db.as(caller, (em) => memberships.ofUsers(em, [user.id])).then((rows) => rows.map((m) => m.tenantId));
    expect(await seen(admin)).toEqual([hub.id, asia.id, europe.id]);
    expect(await seen(europeAdmin)).toEqual([europe.id]);
    expect(await seen(stranger)).toEqual([other.id]);
    expect(await seen(user)).toEqual([hub.id, other.id, asia.id, europe.id]);
    expect(await db.owner.getRepository(MembershipEntity).countBy({ userId: user.id })).toBe(4);
    expect((await db.as(admin, (em) => memberships.activeOf(em, user.id))).map((m) => m.tenantId).sort()).toEqual([hub.id, europe.id, asia.id].sort());
  });

  it('invites an existing account, once; makes active only the account created in the same transaction', async () => {
    const existing = await db.user([[other, Role.VIEWER]]);
    const offer = { userId: existing.id, tenantId: europe.id, orgId: europe.orgId, role: Role.VIEWER };
    await expect(db.as(admin, (em) => memberships.add(em, { ...offer, status: MembershipStatus.ACTIVE }))).rejects.toMatchObject({ code: '42501' });
    expect(await db.as(admin, (em) => memberships.add(em, { ...offer, status: MembershipStatus.INVITED }))).toBe(true);
    expect(await db.as(admin, (em) => memberships.add(em, { ...offer, status: MembershipStatus.INVITED }))).toBe(false);
    expect(await held(existing.id, europe.id)).toMatchObject({ status: MembershipStatus.INVITED });

    const created = randomUUID();
    await db.as(admin, async (em) => {
      await new UserRepository().insert(em, { id: created, email: `${created}@example.com`, passwordHash: 'scrypt$1$1$1$salt$key' });
      expect(await memberships.add(em, { userId: created, tenantId: asia.id, orgId: asia.orgId, role: Role.VIEWER, status: MembershipStatus.ACTIVE })).toBe(
        true,
      );
    });
    expect(await held(created, asia.id)).toMatchObject({ status: MembershipStatus.ACTIVE });
  });

  it('adds no membership outside the caller’s subtrees', async () => {
    const user = await db.user();
    const offer = { userId: user.id, role: Role.VIEWER, status: MembershipStatus.INVITED };
    await expect(db.as(europeAdmin, (em) => memberships.add(em, { ...offer, tenantId: asia.id, orgId: asia.orgId }))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => memberships.add(em, { ...offer, tenantId: other.id, orgId: other.orgId }))).rejects.toMatchObject({ code: '42501' });
  });

  it('locks, changes and removes a membership inside the caller’s subtrees only', async () => {
    const user = await db.user([
      [europe, Role.VIEWER],
      [other, Role.VIEWER],
    ]);
    expect(await db.as(admin, (em) => memberships.lock(em, user.id, europe.id))).toEqual({
      userId: user.id,
      tenantId: europe.id,
      role: Role.VIEWER,
      status: MembershipStatus.ACTIVE,
      orgId: hub.orgId,
      kind: TenantKind.SPOKE,
    });
    expect(await db.as(admin, (em) => memberships.lock(em, user.id, other.id))).toBeUndefined();

    await db.as(admin, (em) => memberships.setRole(em, user.id, europe.id, Role.PMO_LEAD));
    await db.as(admin, (em) => memberships.setRole(em, user.id, other.id, Role.ORG_ADMIN));
    expect(await held(user.id, europe.id)).toMatchObject({ role: Role.PMO_LEAD });
    expect(await held(user.id, other.id)).toMatchObject({ role: Role.VIEWER });

    await db.as(admin, (em) => memberships.remove(em, user.id, other.id));
    await db.as(admin, (em) => memberships.remove(em, user.id, europe.id));
    expect(await held(user.id, other.id)).not.toBeNull();
    expect(await held(user.id, europe.id)).toBeNull();
  });

  it('never lets the app role change a membership’s tenant, organization or status', async () => {
    await expect(db.as(admin, (em) => em.query(`UPDATE memberships SET status = 'ACTIVE'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => em.query('UPDATE memberships SET tenant_id = $1', [other.id]))).rejects.toMatchObject({ code: '42501' });
  });

  it('counts and locks a tenant’s active ORG_ADMINs', async () => {
    const invitee = await db.user([[other, Role.VIEWER]]);
    await invite(invitee, hub, Role.ORG_ADMIN);
    expect(await db.as(admin, (em) => memberships.lockActiveAdmins(em, hub.id))).toBe(1);
    expect(await db.as(stranger, (em) => memberships.lockActiveAdmins(em, hub.id))).toBe(0);
  });

  it('lets an invitee accept or decline their own invitation only', async () => {
    const invitee = await db.user([[other, Role.VIEWER]]);
    await invite(invitee, europe, Role.PMO_LEAD);
    await invite(invitee, asia);
    expect(await db.as(stranger, (em) => memberships.acceptInvitation(em, europe.id))).toBeNull();
    expect(await db.as(stranger, (em) => memberships.declineInvitation(em, asia.id))).toBe(false);
    expect(await held(invitee.id, asia.id)).not.toBeNull();

    expect(await db.as(invitee, (em) => memberships.acceptInvitation(em, europe.id))).toBe(Role.PMO_LEAD);
    expect(await held(invitee.id, europe.id)).toMatchObject({ status: MembershipStatus.ACTIVE, role: Role.PMO_LEAD });
    expect(await db.as(invitee, (em) => memberships.acceptInvitation(em, europe.id))).toBeNull();
    expect(await db.as(invitee, (em) => memberships.declineInvitation(em, europe.id))).toBe(false);

    expect(await db.as(invitee, (em) => memberships.declineInvitation(em, asia.id))).toBe(true);
    expect(await held(invitee.id, asia.id)).toBeNull();
  });
});

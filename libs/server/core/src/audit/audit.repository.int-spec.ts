// The audit log's repository and RLS policy: entries are appended in the caller's
// context, read back only within the caller's subtrees, and never changed by the app role.
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { AuditLogEntity } from './audit-log.entity';
import { AuditRepository } from './audit.repository';

describe('AuditRepository', () => {
  const audit = new AuditRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let stranger: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  const entry = (tenant: SeededTenant, actorId: string) => ({
    tenantId: tenant.id,
    orgId: tenant.orgId,
    actorId,
    entity: 'project',
    entityId: 'p-1',
    action: 'create',
    before: null,
    after: { name: 'A' },
  });

  it('appends an entry in the caller’s tenant, visible there only', async () => {
    await db.as(admin, (em) => audit.append(em, entry(hub, admin.id)));
    const own = await db.as(admin, (em) => em.find(AuditLogEntity, {}));
    expect(own).toEqual([expect.objectContaining({ tenantId: hub.id, after: { name: 'A' } })]);
    expect(await db.as(stranger, (em) => em.find(AuditLogEntity, {}))).toEqual([]);
    // The owner sees the row the stranger may not: the empty answer above is RLS, not absence.
    expect(await db.owner.getRepository(AuditLogEntity).count()).toBe(1);
  });

  it('refuses an entry in a tenant outside the caller’s subtrees', async () => {
    await expect(db.as(stranger, (em) => audit.append(em, entry(hub, stranger.id)))).rejects.toMatchObject({ code: '42501' });
  });

  it('never lets the app role change or delete an entry', async () => {
    await expect(db.as(admin, (em) => em.query(`UPDATE audit_log SET action = 'forged'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => em.query('DELETE FROM audit_log'))).rejects.toMatchObject({ code: '42501' });
  });
});

// The audit log's repository and RLS policy: entries are appended in the caller's
// context, read back (page by page) only within the caller's subtrees, and never changed
// by the app role.
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

  it('pages a subtree’s entries newest first, after a cursor, without another organization’s', async () => {
    const spoke = await db.spoke(hub);
    // Later than anything appended above, so these lead the newest-first order.
    const at = (second: number) => `2099-01-15T12:00:${String(second).padStart(2, '0')}.000001Z`;
    const add = (tenant: SeededTenant, second: number) =>
      db.owner.query(`INSERT INTO audit_log (tenant_id, org_id, entity, entity_id, action, at) VALUES ($1, $2, 'tenant', $3, 'page', $4)`, [
        tenant.id,
        tenant.orgId,
        tenant.id,
        at(second),
      ]);
    for (const [tenant, second] of [
      [hub, 1],
      [spoke, 2],
      [other, 3],
      [spoke, 4],
    ] as const)
      await add(tenant, second);
    const page = (tenant: SeededTenant, after: { at: string; id: string } | null, limit: number) =>
      db.as(admin, (em) => audit.page(em, tenant.id, after, limit)).then((rows) => rows.filter((row) => row.action === 'page'));

    const first = await page(hub, null, 2);
    expect(first.map((row) => [row.tenantId, row.atKey])).toEqual([
      [spoke.id, at(4)],
      [spoke.id, at(2)],
    ]);
    expect(first[0]).toMatchObject({ entity: 'tenant', entityId: spoke.id, actorId: null, before: null, after: null, at: new Date(at(4)) });
    const rest = await page(hub, { at: first[1].atKey, id: first[1].id }, 10);
    expect(rest.map((row) => [row.tenantId, row.atKey])).toEqual([[hub.id, at(1)]]);
    expect((await page(spoke, null, 10)).map((row) => row.atKey)).toEqual([at(4), at(2)]);
    expect(await db.as(stranger, (em) => audit.page(em, hub.id, null, 10))).toEqual([]);
    expect(await db.owner.getRepository(AuditLogEntity).countBy({ action: 'page', tenantId: other.id })).toBe(1);
  });
});

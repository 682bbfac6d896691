// Entering a tenant context (tenant-context.sql.ts): only the database's entry functions
// sign the settings RLS reads. The runtime roles cannot read the signing key, and
// settings they set by hand grant nothing.
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { ContextKeyEntity } from '../tenancy/context-key.entity';
import { TenantEntity } from '../tenancy/tenant.entity';

describe('tenant context', () => {
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let admin: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  it('enters a session’s and a job’s context: the tenant is visible in each', async () => {
    expect(await db.as(admin, (em) => em.countBy(TenantEntity, { id: hub.id }))).toBe(1);
    expect(await db.asSystem(hub, (em) => em.countBy(TenantEntity, { id: hub.id }))).toBe(1);
  });

  it('never shows the signing key to the runtime roles', async () => {
    await expect(db.as(admin, (em) => em.find(ContextKeyEntity))).rejects.toMatchObject({ code: '42501' });
    await expect(db.asSystem(hub, (em) => em.find(ContextKeyEntity))).rejects.toMatchObject({ code: '42501' });
    expect(await db.owner.getRepository(ContextKeyEntity).count()).toBe(1);
  });

  it('grants nothing for settings set by hand', async () => {
    const forged = await db.as(admin, async (em) => {
      await em.query(`SELECT set_config('app.tenant_ids', $1, true), set_config('app.context_mac', 'forged', true)`, [`{${hub.id}}`]);
      return em.countBy(TenantEntity, { id: hub.id });
    });
    expect(forged).toBe(0);
  });
});

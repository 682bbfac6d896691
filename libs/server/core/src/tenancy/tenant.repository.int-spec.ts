// The tenant tree's repository and RLS policies: a member reads their subtrees and, by
// identity, their ancestors; never a sibling's or another organization's tenants; adds
// tenants only under one it can see, in the shape its parent dictates; changes none.
import { randomUUID } from 'node:crypto';
import { Role, TenantKind } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { TenantEntity } from './tenant.entity';
import { NewTenant, TenantRepository } from './tenant.repository';

describe('TenantRepository', () => {
  const tenants = new TenantRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let europe: SeededTenant;
  let asia: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let europeAdmin: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    europe = await db.spoke(hub, 'Europe');
    asia = await db.spoke(hub, 'Asia');
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    europeAdmin = await db.user([[europe, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  const spokeOf = (parent: SeededTenant, name: string): NewTenant => {
    const id = randomUUID();
    return { id, orgId: parent.orgId, parentId: parent.id, kind: TenantKind.SPOKE, name, depth: parent.path.length, path: [...parent.path, id] };
  };

  it('reads the paths of visible tenants only', async () => {
    const ids = [hub.id, europe.id, asia.id, other.id];
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const paths = await db.as(admin, (em) => tenants.paths(em, ids));
    expect(paths.map(({ id, path }) => ({ id, path })).sort(byId)).toEqual([hub, europe, asia].map(({ id, path }) => ({ id, path })).sort(byId));
    // The owner sees the other organization's hub: its absence above is RLS.
    expect(await db.owner.getRepository(TenantEntity).countBy({ id: other.id })).toBe(1);
  });

  it('shows a spoke member the spoke and its ancestors by identity, never a sibling', async () => {
    const seen = await db.as(europeAdmin, (em) => tenants.modelsByIds(em, [hub.id, europe.id, asia.id, other.id]));
    expect(seen.map((t) => t.id).sort()).toEqual([hub.id, europe.id].sort());
    expect(await db.as(europeAdmin, (em) => tenants.byId(em, asia.id))).toBeNull();
    expect(await db.as(europeAdmin, (em) => tenants.byId(em, europe.id))).toMatchObject({ id: europe.id, name: 'Europe', kind: TenantKind.SPOKE, depth: 1 });
  });

  it('lists visible children by name', async () => {
    const children = await db.as(admin, (em) => tenants.childrenOf(em, [hub.id]));
    expect(children.map((t) => t.name)).toEqual(['Asia', 'Europe']);
    expect((await db.as(europeAdmin, (em) => tenants.childrenOf(em, [hub.id]))).map((t) => t.name)).toEqual(['Europe']);
    expect(await db.as(admin, (em) => tenants.childrenOf(em, []))).toEqual([]);
  });

  it('adds a spoke under a visible parent; it is seen once the context is entered again', async () => {
    const spoke = spokeOf(europe, 'France');
    const seenAtOnce = await db.as(europeAdmin, async (em) => {
      await tenants.insert(em, [spoke]);
      return tenants.byId(em, spoke.id);
    });
    expect(seenAtOnce).toBeNull();
    expect(await db.as(europeAdmin, (em) => tenants.byId(em, spoke.id))).toMatchObject({ id: spoke.id, path: spoke.path });
  });

  it('refuses a spoke outside the caller’s subtrees, a shape its parent does not dictate, and a sibling’s name in any case', async () => {
    await expect(db.as(europeAdmin, (em) => tenants.insert(em, [spokeOf(asia, 'Japan')]))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => tenants.insert(em, [spokeOf(other, 'Elsewhere')]))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => tenants.insert(em, [{ ...spokeOf(hub, 'Misplaced'), depth: 1, orgId: other.orgId }]))).rejects.toMatchObject({
      code: '23514',
    });
    await expect(db.as(admin, (em) => tenants.insert(em, [spokeOf(hub, 'ASIA')]))).rejects.toMatchObject({ code: '23505', constraint: 'tenants_sibling_name' });
    expect(await db.owner.getRepository(TenantEntity).countBy({ name: 'Japan' })).toBe(0);
  });

  it('never lets the app role change or remove a tenant', async () => {
    await expect(db.as(admin, (em) => em.query(`UPDATE tenants SET name = 'Renamed'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => em.query('DELETE FROM tenants'))).rejects.toMatchObject({ code: '42501' });
  });
});

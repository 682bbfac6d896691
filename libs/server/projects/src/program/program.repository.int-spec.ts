// The program repository and the RLS policy of programs: a caller creates and reads the
// programs of the tenants it sees, nothing of a sibling spoke's or another organization's.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { ProgramEntity } from './program.entity';
import { NewProgram, ProgramRepository } from './program.repository';

describe('ProgramRepository', () => {
  const programs = new ProgramRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let admin: SeededUser;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let stranger: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    stranger = await db.user([[await db.hub('Globex'), Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  const program = (tenant: SeededTenant, name: string): NewProgram => ({ id: randomUUID(), orgId: tenant.orgId, tenantId: tenant.id, name, description: null });
  const owned = () => db.owner.getRepository(ProgramEntity);

  it('creates a program where the caller sees the tenant, and nothing on a name the tenant has', async () => {
    const first = program(north, 'Transformation');
    expect(await db.as(northLead, (em) => programs.insert(em, first))).toBe(true);
    expect(await db.as(northLead, (em) => programs.insert(em, program(north, 'TRANSFORMATION')))).toBe(false);
    expect(await db.as(admin, (em) => programs.insert(em, program(hub, 'transformation')))).toBe(true);
    expect(await owned().countBy({ tenantId: north.id })).toBe(1);
    await expect(db.as(southLead, (em) => programs.insert(em, program(north, 'Sneaky')))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(stranger, (em) => programs.insert(em, program(north, 'Sneaky')))).rejects.toMatchObject({ code: '42501' });
  });

  it('reads programs by id and a tenant’s own by name, only where the caller sees them', async () => {
    const zeta = program(south, 'zeta');
    const alpha = program(south, 'Alpha');
    await owned().insert([zeta, alpha]);
    expect(await db.as(southLead, (em) => programs.findById(em, zeta.id))).toMatchObject({ id: zeta.id, name: 'zeta', tenantId: south.id });
    expect((await db.as(admin, (em) => programs.findByIds(em, [zeta.id, alpha.id]))).map((p) => p.name).sort()).toEqual(['Alpha', 'zeta']);
    expect((await db.as(southLead, (em) => programs.listByTenant(em, south.id))).map((p) => p.name)).toEqual(['Alpha', 'zeta']);
    // The hub's list is the hub's own programs, not its spokes'.
    expect((await db.as(admin, (em) => programs.listByTenant(em, hub.id))).map((p) => p.name)).toEqual(['transformation']);
    for (const user of [northLead, stranger]) {
      expect(await db.as(user, (em) => programs.findById(em, zeta.id))).toBeNull();
      expect(await db.as(user, (em) => programs.findByIds(em, [zeta.id]))).toEqual([]);
      expect(await db.as(user, (em) => programs.listByTenant(em, south.id))).toEqual([]);
    }
    expect(await owned().countBy({ tenantId: south.id })).toBe(2);
  });

  it('never lets a caller rename another tenant’s program or delete one', async () => {
    const kept = program(south, 'Kept');
    await owned().insert(kept);
    await db.as(northLead, (em) => em.update(ProgramEntity, { id: kept.id }, { name: 'Renamed' }));
    expect((await owned().findOneByOrFail({ id: kept.id })).name).toBe('Kept');
    await expect(db.as(southLead, (em) => em.delete(ProgramEntity, { id: kept.id }))).rejects.toMatchObject({ code: '42501' });
  });

  it('reads the organization of a tenant the caller sees', async () => {
    expect(await db.as(northLead, (em) => programs.orgOf(em, north.id))).toBe(hub.orgId);
    expect(await db.as(northLead, (em) => programs.orgOf(em, south.id))).toBeNull();
  });
});

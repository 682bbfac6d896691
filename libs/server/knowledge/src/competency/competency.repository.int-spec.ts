// Competency's statements under row-level security: records are read and written only in
// the caller's subtrees, rules are read down the tree (never across it), levels count the
// whole organization for its members and nothing for anyone else, and the daily claim of
// a job acting for one organization never touches another's certifications.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { CertificationEntity } from './certification.entity';
import { CompetencyRepository } from './competency.repository';

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

describe('CompetencyRepository', () => {
  const repository = new CompetencyRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let other: SeededTenant;
  let hubLead: SeededUser;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let manager: SeededUser;
  let stranger: SeededUser;

  const certification = (tenant: SeededTenant, user: SeededUser, level: number, expiresOn: string | null = null) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    orgId: tenant.orgId,
    userId: user.id,
    name: `Level ${level}`,
    level,
    issuedOn: day(-100),
    expiresOn,
    recordedBy: user.id,
  });

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    other = await db.hub('Globex');
    hubLead = await db.user([[hub, Role.PMO_LEAD]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    manager = await db.user([[north, Role.PROJECT_MANAGER]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
    await db.as(hubLead, (em) => repository.addCertification(em, certification(hub, manager, 4)));
    await db.as(northLead, (em) => repository.addCertification(em, certification(north, manager, 2)));
    await db.as(northLead, (em) => repository.addCertification(em, certification(north, manager, 5, day(-1))));
    await db.as(stranger, (em) => repository.addCertification(em, certification(other, stranger, 3, day(10))));
    await db.as(hubLead, (em) => repository.setRule(em, { tenantId: hub.id, orgId: hub.orgId, tier: 1, minManagerLevel: 2, setBy: hubLead.id }));
    await db.as(northLead, (em) => repository.setRule(em, { tenantId: north.id, orgId: north.orgId, tier: 1, minManagerLevel: 3, setBy: northLead.id }));
  });
  afterAll(() => db.close());

  it('reads certifications only in the caller’s subtrees (the owner sees them all)', async () => {
    const levels = (rows: CertificationEntity[]) => rows.map((row) => row.level).sort();
    expect(levels(await db.owner.getRepository(CertificationEntity).findBy({ userId: manager.id }))).toEqual([2, 4, 5]);
    expect(levels(await db.as(hubLead, (em) => repository.certifications(em, [manager.id])))).toEqual([2, 4, 5]);
    expect(levels(await db.as(northLead, (em) => repository.certifications(em, [manager.id])))).toEqual([2, 5]);
    expect(await db.as(southLead, (em) => repository.certifications(em, [manager.id]))).toEqual([]);
    expect(await db.as(stranger, (em) => repository.certifications(em, [manager.id]))).toEqual([]);
  });

  it('writes records only in the caller’s subtrees', async () => {
    await expect(db.as(southLead, (em) => repository.addCertification(em, certification(north, manager, 1)))).rejects.toThrow(/row-level security/);
    await expect(
      db.as(stranger, (em) =>
        repository.addTraining(em, {
          id: randomUUID(),
          tenantId: north.id,
          orgId: north.orgId,
          userId: manager.id,
          course: 'x',
          completedOn: day(0),
          hours: 1,
          recordedBy: stranger.id,
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('counts a level over the whole organization for its members, and answers nothing to another organization', async () => {
    // South cannot read North's or the hub's records, but the level they give is the organization's.
    expect(await db.as(southLead, (em) => repository.levels(em, [manager.id, southLead.id], hub.orgId))).toEqual(
      new Map([
        [manager.id, 4],
        [southLead.id, 0],
      ]),
    );
    expect(await db.as(stranger, (em) => repository.levels(em, [manager.id], hub.orgId))).toEqual(new Map([[manager.id, 0]]));
    expect(await db.as(stranger, (em) => repository.levels(em, [stranger.id], other.orgId))).toEqual(new Map([[stranger.id, 3]]));
  });

  it('lets a spoke read its ancestors’ rules but not a sibling’s, and another organization none', async () => {
    const rules = async (user: SeededUser, tenant: SeededTenant) => (await db.as(user, (em) => repository.rulesAround(em, tenant.id))).map((r) => r.tenantName);
    expect((await db.as(northLead, (em) => repository.rulesOnPath(em, north.id, 1))).map((r) => [r.tenantName, r.minManagerLevel])).toEqual(
      expect.arrayContaining([
        ['Acme', 2],
        ['North', 3],
      ]),
    );
    expect(await rules(southLead, south)).toEqual(['Acme']);
    expect(await rules(hubLead, hub)).toEqual(['Acme', 'North']);
    expect(await rules(stranger, north)).toEqual([]);
    expect(await db.as(southLead, (em) => repository.rulesOnPath(em, north.id, 1))).toEqual([]);
    // A spoke may not change its ancestor's rule.
    await expect(
      db.as(northLead, (em) => repository.setRule(em, { tenantId: hub.id, orgId: hub.orgId, tier: 1, minManagerLevel: 0, setBy: northLead.id })),
    ).rejects.toThrow(/row-level security/);
  });

  it('claims expiring certifications of the job’s organization only, once', async () => {
    await db.as(northLead, (em) => repository.addCertification(em, certification(north, manager, 3, day(20))));
    const claimed = await db.asSystem(hub, (em) => repository.claimExpiring(em, day(0), day(60)));
    expect(claimed.map((row) => [row.level, row.expiresOn])).toEqual([[3, day(20)]]);
    expect(await db.asSystem(hub, (em) => repository.claimExpiring(em, day(0), day(60)))).toEqual([]);
    const [{ flagged }] = await db.owner.query(`SELECT count(*)::int AS flagged FROM certifications WHERE org_id = $1 AND expiry_flagged_at IS NOT NULL`, [
      other.orgId,
    ]);
    expect(flagged).toBe(0);
    expect((await db.asSystem(other, (em) => repository.claimExpiring(em, day(0), day(60)))).map((row) => row.userId)).toEqual([stranger.id]);
  });
});

// The project repository and the RLS policies of projects and project_phases: a caller
// reads and writes the projects of the tenants it sees (its memberships' subtrees), and
// nothing of a sibling spoke's or another organization's, which the owner shows are there.
import { randomUUID } from 'node:crypto';
import { ProjectState, Rag, Role, StandardStatus } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { StatusReportEntity } from '../status-report/status-report.entity';
import { seedMethodology, seedProject } from '../testing/seed';
import { ProjectPhaseEntity } from './project-phase.entity';
import { ProjectEntity } from './project.entity';
import { NewProject, ProjectListFilter, ProjectPageQuery, ProjectRepository } from './project.repository';

describe('ProjectRepository', () => {
  const projects = new ProjectRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let stranger: SeededUser;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    other = await db.hub('Globex');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
  });
  afterAll(() => db.close());

  const owned = (id: string) => db.owner.getRepository(ProjectEntity).findOneByOrFail({ id });
  const newProject = (tenant: SeededTenant, extra: Partial<NewProject> = {}): NewProject => ({
    id: randomUUID(),
    orgId: tenant.orgId,
    tenantId: tenant.id,
    code: `N-${randomUUID().slice(0, 8)}`,
    name: 'New',
    description: null,
    state: ProjectState.ACTIVE,
    startDate: '2026-01-20',
    endDate: null,
    plannedBudget: '1000.25',
    actualCost: null,
    programId: null,
    managerId: null,
    methodologyId: null,
    methodologyVersion: null,
    currentPhase: null,
    ...extra,
  });

  it('reads and locks a project only where the caller sees it', async () => {
    const project = await seedProject(db, north, { plannedBudget: '0.1', startDate: '2026-02-28' });
    expect(await db.as(northLead, (em) => projects.findById(em, project.id))).toEqual(project);
    expect(await db.as(admin, (em) => projects.findByIds(em, [project.id, randomUUID()]))).toEqual([project]);
    expect(await db.as(northLead, (em) => projects.lock(em, project.id))).toMatchObject({ id: project.id, plannedBudget: '0.1', startDate: '2026-02-28' });
    for (const user of [southLead, stranger]) {
      expect(await db.as(user, (em) => projects.findById(em, project.id))).toBeNull();
      expect(await db.as(user, (em) => projects.findByIds(em, [project.id]))).toEqual([]);
      expect(await db.as(user, (em) => projects.lock(em, project.id))).toBeNull();
    }
    expect(await owned(project.id)).toEqual(project);
  });

  it('inserts a project where the caller sees the tenant, and nothing on a code the tenant has', async () => {
    const project = newProject(north, { code: 'Ins-1' });
    expect(await db.as(northLead, (em) => projects.insert(em, project))).toBe(true);
    expect(await owned(project.id)).toMatchObject({ code: 'Ins-1', plannedBudget: '1000.25', state: ProjectState.ACTIVE });
    expect(await db.as(northLead, (em) => projects.insert(em, newProject(north, { code: 'INS-1' })))).toBe(false);
    expect(await db.as(southLead, (em) => projects.insert(em, newProject(south, { code: 'ins-1' })))).toBe(true);
    expect(await db.owner.getRepository(ProjectEntity).countBy({ code: 'INS-1' })).toBe(0);
    await expect(db.as(southLead, (em) => projects.insert(em, newProject(north)))).rejects.toMatchObject({ code: '42501' });
  });

  it('updates the given fields and the update time, of visible projects only; never deletes', async () => {
    const project = await seedProject(db, north, { name: 'Before', description: 'Kept', updatedAt: new Date('2020-01-01T00:00:00Z') });
    await db.as(northLead, (em) => projects.update(em, project.id, { name: 'After', plannedBudget: '12.345', managerId: admin.id }));
    const after = await owned(project.id);
    expect(after).toMatchObject({ name: 'After', description: 'Kept', plannedBudget: '12.345', managerId: admin.id });
    expect(after.updatedAt.getTime()).toBeGreaterThan(new Date('2020-01-01T00:00:00Z').getTime());
    await db.as(southLead, (em) => projects.update(em, project.id, { name: 'Hijacked' }));
    await db.as(stranger, (em) => projects.update(em, project.id, { name: 'Hijacked' }));
    expect((await owned(project.id)).name).toBe('After');
    await expect(db.as(northLead, (em) => projects.update(em, project.id, { tenantId: other.id }))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(admin, (em) => em.delete(ProjectEntity, { id: project.id }))).rejects.toMatchObject({ code: '42501' });
  });

  it('tells whether a tenant has a code, in any letter case', async () => {
    await seedProject(db, north, { code: 'Taken-1' });
    expect(await db.as(admin, (em) => projects.codeTaken(em, north.id, 'TAKEN-1'))).toBe(true);
    expect(await db.as(admin, (em) => projects.codeTaken(em, south.id, 'taken-1'))).toBe(false);
    // A code the caller cannot see is not taken for it (the unique index still guards it).
    expect(await db.as(southLead, (em) => projects.codeTaken(em, north.id, 'taken-1'))).toBe(false);
  });

  it('copies phases and reads them in order, where the caller sees the project', async () => {
    const project = await seedProject(db, north);
    const phase = (position: number, name: string, gate: Partial<ProjectPhaseEntity> = {}): ProjectPhaseEntity => ({
      projectId: project.id,
      position,
      tenantId: north.id,
      orgId: north.orgId,
      name,
      gateName: null,
      gateDeliverables: [],
      gateApproverRole: null,
      ...gate,
    });
    await db.as(northLead, (em) => projects.insertPhases(em, [phase(1, 'Deliver'), phase(0, 'Initiate', { gateName: 'G1', gateDeliverables: ['Charter'] })]));
    await db.as(northLead, (em) => projects.insertPhases(em, []));
    const read = await db.as(northLead, (em) => projects.phases(em, [project.id]));
    expect(read.map((p) => [p.position, p.name, p.gateName, p.gateDeliverables])).toEqual([
      [0, 'Initiate', 'G1', ['Charter']],
      [1, 'Deliver', null, []],
    ]);
    expect(await db.as(southLead, (em) => projects.phases(em, [project.id]))).toEqual([]);
    expect(await db.owner.getRepository(ProjectPhaseEntity).countBy({ projectId: project.id })).toBe(2);
    await expect(db.as(northLead, (em) => projects.insertPhases(em, [{ ...phase(2, 'Late'), tenantId: south.id }]))).rejects.toMatchObject({ code: '42501' });
  });

  it('reads the tenants and managers the caller sees, and whether a user covers a tenant', async () => {
    expect(await db.as(northLead, (em) => projects.tenant(em, north.id))).toEqual({ id: north.id, orgId: hub.orgId, path: north.path });
    expect(await db.as(northLead, (em) => projects.tenant(em, south.id))).toBeNull();
    expect(await db.as(admin, (em) => projects.managers(em, [northLead.id, stranger.id]))).toEqual([
      { id: northLead.id, email: `${northLead.id}@example.com` },
    ]);
    expect(await db.as(stranger, (em) => projects.managers(em, [northLead.id]))).toEqual([]);
    expect(await db.as(northLead, (em) => projects.memberCovers(em, admin.id, north.id))).toBe(true);
    expect(await db.as(northLead, (em) => projects.memberCovers(em, southLead.id, north.id))).toBe(false);
    expect(await db.as(northLead, (em) => projects.memberCovers(em, admin.id, south.id))).toBe(false);
  });

  it('finds the published methodology version in force along a tenant path', async () => {
    const published = await seedMethodology(db, hub, StandardStatus.PUBLISHED, [{ phases: [{ name: 'One' }] }, { phases: [{ name: 'Two' }] }]);
    const retired = await seedMethodology(db, hub, StandardStatus.RETIRED, [{ phases: [] }]);
    const find = (id: string, path: string[], version: number | null) => db.as(northLead, (em) => projects.publishedMethodologyVersion(em, id, path, version));
    expect(await find(published, north.path, null)).toEqual({ id: published, version: 2, snapshot: { phases: [{ name: 'Two' }] } });
    expect(await find(published, north.path, 1)).toMatchObject({ version: 1 });
    expect(await find(published, north.path, 3)).toBeNull();
    expect(await find(published, [north.id], null)).toBeNull();
    expect(await find(retired, north.path, null)).toBeNull();
  });

  describe('the list', () => {
    let list: SeededTenant;
    let deep: SeededTenant;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      list = await db.spoke(hub, 'List');
      deep = await db.spoke(list, 'Deep');
      ids.L1 = (await seedProject(db, list, { code: 'L1', name: 'Beta' })).id;
      ids.L2 = (await seedProject(db, deep, { code: 'L2', name: 'Alpha', state: ProjectState.PROPOSED })).id;
      ids.L3 = (await seedProject(db, list, { code: 'L3', name: '50% done' })).id;
      // Microseconds apart: a cursor must keep them, not round them to milliseconds.
      await db.owner.query(`UPDATE projects SET created_at = '2026-01-01 00:00:00.000001+00' WHERE id = $1`, [ids.L1]);
      await db.owner.query(`UPDATE projects SET created_at = '2026-01-01 00:00:00.000002+00' WHERE id = $1`, [ids.L3]);
      await db.owner.query(`UPDATE projects SET created_at = '2026-01-01 00:00:00.000003+00' WHERE id = $1`, [ids.L2]);
      const report = (projectId: string, period: string, overall: Rag) => ({
        id: randomUUID(),
        projectId,
        tenantId: list.id,
        orgId: list.orgId,
        period,
        overall,
        summary: 'S',
      });
      await db.owner
        .getRepository(StatusReportEntity)
        .insert([report(ids.L1, '2026-01', Rag.RED), report(ids.L1, '2026-02', Rag.GREEN), report(ids.L3, '2026-01', Rag.RED)]);
    });

    const everything: ProjectListFilter = { rootTenantId: '' };
    const byCode: ProjectPageQuery = { sort: { property: 'code', type: 'text', direction: 'ASC' }, after: null, limit: 10 };
    const codes = (user: SeededUser, filter: Partial<ProjectListFilter>, query: Partial<ProjectPageQuery> = {}) =>
      db.as(user, async (em) =>
        (await projects.page(em, { ...everything, rootTenantId: list.id, ...filter }, { ...byCode, ...query })).map((row) => row.project.code),
      );
    const count = (user: SeededUser, filter: Partial<ProjectListFilter>) =>
      db.as(user, (em) => projects.count(em, { ...everything, rootTenantId: list.id, ...filter }));

    it("pages the root's whole subtree in a keyset order", async () => {
      const first = await db.as(admin, (em) => projects.page(em, { rootTenantId: list.id }, { ...byCode, limit: 2 }));
      expect(first.map((row) => [row.project.code, row.sortKey])).toEqual([
        ['L1', 'L1'],
        ['L2', 'L2'],
      ]);
      expect(await codes(admin, {}, { after: { key: 'L2', id: ids.L2 } })).toEqual(['L3']);
      expect(await codes(admin, {}, { sort: { property: 'name', type: 'text', direction: 'DESC' } })).toEqual(['L1', 'L2', 'L3']);
      expect(await count(admin, {})).toBe(3);
    });

    it('keeps timestamps exact in sort keys', async () => {
      const newest = { sort: { property: 'createdAt', type: 'timestamptz', direction: 'DESC' }, limit: 1 } as const;
      const [top] = await db.as(admin, (em) => projects.page(em, { rootTenantId: list.id }, { ...newest, after: null }));
      expect(top.project.code).toBe('L2');
      expect(top.sortKey).toMatch(/\.000003/);
      const [next] = await db.as(admin, (em) => projects.page(em, { rootTenantId: list.id }, { ...newest, after: { key: top.sortKey, id: top.project.id } }));
      expect(next.project.code).toBe('L3');
    });

    it('filters by state, text, program and the latest report', async () => {
      const program = randomUUID();
      await db.owner.query(`INSERT INTO programs (id, org_id, tenant_id, name) VALUES ($1, $2, $3, 'Programme')`, [program, list.orgId, list.id]);
      await db.owner.query('UPDATE projects SET program_id = $1 WHERE id = $2', [program, ids.L3]);
      expect(await codes(admin, { states: [ProjectState.PROPOSED] })).toEqual(['L2']);
      expect(await codes(admin, { pattern: '%50\\%%' })).toEqual(['L3']);
      expect(await codes(admin, { pattern: '%ALPHA%' })).toEqual(['L2']);
      expect(await codes(admin, { programId: program })).toEqual(['L3']);
      expect(await codes(admin, { latestStatusRag: [Rag.RED] })).toEqual(['L3']);
      expect(await count(admin, { latestStatusRag: [Rag.GREEN, Rag.RED], states: [ProjectState.ACTIVE] })).toBe(2);
    });

    it('lists nothing the caller cannot see', async () => {
      expect(await codes(northLead, {})).toEqual([]);
      expect(await count(stranger, {})).toBe(0);
      expect(await db.owner.getRepository(ProjectEntity).countBy({ tenantId: list.id })).toBe(2);
    });
  });
});

// The pool's statements and policies: resources read across the organization and written
// at home, allocations read by the home subtree and the project's side, inserted from the
// project's side and decided at home, the home's view of the projects that borrow, and the
// definer functions' answers (nothing of another organization, ever). Each isolation check
// is set against what the owner, who bypasses RLS, sees.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { NewAllocation, NewResource, ResourceRepository } from './resource.repository';
import { AllocationKind, AllocationState } from './resource.rules';

describe('ResourceRepository', () => {
  const pool = new ResourceRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let east: SeededTenant;
  let other: SeededTenant;
  let hubAdmin: SeededUser;
  let northLead: SeededUser;
  let southPm: SeededUser;
  let eastLead: SeededUser;
  let stranger: SeededUser;
  let northProject: string;
  let southProject: string;
  let otherProject: string;
  let ada: NewResource;
  let home: NewAllocation;
  let borrowed: NewAllocation;

  const project = async (tenant: SeededTenant, code: string) => {
    const id = randomUUID();
    await db.owner.query(`INSERT INTO projects (id, org_id, tenant_id, code, name, state) VALUES ($1, $2, $3, $4, $4, 'ACTIVE')`, [
      id,
      tenant.orgId,
      tenant.id,
      code,
    ]);
    return id;
  };
  const allocation = (projectId: string, projectTenant: SeededTenant, extra: Partial<NewAllocation> = {}): NewAllocation => ({
    id: randomUUID(),
    resourceId: ada.id,
    tenantId: north.id,
    orgId: hub.orgId,
    projectId,
    projectTenantId: projectTenant.id,
    borrowed: projectTenant.id !== north.id,
    fromWeek: '2026-12-21',
    toWeek: '2027-01-04',
    hoursPerWeek: '30.00',
    kind: AllocationKind.HARD,
    state: AllocationState.APPROVED,
    requestedBy: northLead.id,
    ...extra,
  });
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    east = await db.spoke(hub, 'East');
    other = await db.hub('Globex');
    hubAdmin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southPm = await db.user([[south, Role.PROJECT_MANAGER]]);
    eastLead = await db.user([[east, Role.PMO_LEAD]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
    northProject = await project(north, 'N-1');
    southProject = await project(south, 'S-1');
    otherProject = await project(other, 'G-1');
    ada = {
      id: randomUUID(),
      tenantId: north.id,
      orgId: hub.orgId,
      name: 'Ada',
      skills: ['typescript', 'pmp'],
      weeklyCapacityHours: '40.00',
      userId: null,
      createdBy: northLead.id,
    };
  });
  afterAll(() => db.close());

  it('homes resources only in the caller’s own subtree', async () => {
    expect(await db.as(northLead, (em) => pool.create(em, ada))).toEqual({ ...ada, createdAt: expect.any(Date) });
    const forged = { ...ada, id: randomUUID() };
    await expect(db.as(southPm, (em) => pool.create(em, forged))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(stranger, (em) => pool.create(em, forged))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(northLead, (em) => em.query(`UPDATE resources SET weekly_capacity_hours = 1`))).rejects.toMatchObject({ code: '42501' });
  });

  it('shares the pool with every member of the organization, nothing with another', async () => {
    expect(ids(await db.as(southPm, (em) => pool.list(em, [north.id], null)))).toEqual([ada.id]);
    expect(ids(await db.as(southPm, (em) => pool.list(em, [north.id], 'pmp')))).toEqual([ada.id]);
    expect(await db.as(southPm, (em) => pool.list(em, [north.id], 'cobol'))).toEqual([]);
    expect(await db.as(stranger, (em) => pool.list(em, [north.id], null))).toEqual([]);
    expect(await db.as(stranger, (em) => pool.byIds(em, [ada.id]))).toEqual([]);
    expect((await db.owner.query(`SELECT id FROM resources WHERE id = $1`, [ada.id])).length).toBe(1);
    // The subtree and the home are answered to members of the organization alone.
    expect((await db.as(southPm, (em) => pool.subtree(em, hub.id))).sort()).toEqual([hub.id, north.id, south.id, east.id].sort());
    expect(await db.as(stranger, (em) => pool.subtree(em, hub.id))).toEqual([]);
    expect(await db.as(southPm, (em) => pool.homes(em, [north.id, south.id]))).toEqual([
      { id: north.id, name: 'North', kind: 'SPOKE', depth: 1, parentId: hub.id },
    ]);
    expect(await db.as(stranger, (em) => pool.homes(em, [north.id]))).toEqual([]);
    // The homes' tenants themselves stay invisible to a sibling.
    expect(await db.as(southPm, (em) => em.query(`SELECT id FROM tenants WHERE id = $1`, [north.id]))).toEqual([]);
  });

  it('locks a resource for a member of its organization only, and answers its HARD hours from any branch', async () => {
    home = allocation(northProject, north);
    await db.as(northLead, (em) => pool.allocate(em, home));
    expect(await db.as(stranger, (em) => pool.lock(em, ada.id))).toBeNull();
    expect(await db.as(southPm, (em) => pool.lock(em, ada.id))).toEqual({
      id: ada.id,
      tenantId: north.id,
      orgId: hub.orgId,
      weeklyCapacityHours: 40,
      path: north.path,
    });
    // The south PM cannot see the north project's allocation, but its hours count.
    const weeks = await db.as(southPm, (em) => pool.hardWeeks(em, ada.id, '2026-12-14', '2027-01-11', null));
    expect(weeks).toEqual([
      { week: '2026-W51', hardHours: 0 },
      { week: '2026-W52', hardHours: 30 },
      { week: '2026-W53', hardHours: 30 },
      { week: '2027-W01', hardHours: 30 },
      { week: '2027-W02', hardHours: 0 },
    ]);
    expect((await db.as(southPm, (em) => pool.hardWeeks(em, ada.id, '2026-12-21', '2026-12-21', home.id)))[0].hardHours).toBe(0);
    expect(await db.as(stranger, (em) => pool.hardWeeks(em, ada.id, '2026-12-21', '2026-12-21', null))).toEqual([]);
  });

  it('refuses an allocation whose ids disagree with the rows they name (so no forged row opens a project to the home)', async () => {
    // A South manager names another organization's project, its own tenant beside it.
    const foreignProject = allocation(otherProject, south, { state: AllocationState.REQUESTED, requestedBy: southPm.id });
    await expect(db.as(southPm, (em) => pool.allocate(em, foreignProject))).rejects.toMatchObject({ code: '42501' });
    // A borrowing allocation that claims to be approved, or to be the home's own.
    const selfApproved = allocation(southProject, south, { state: AllocationState.APPROVED, requestedBy: southPm.id });
    await expect(db.as(southPm, (em) => pool.allocate(em, selfApproved))).rejects.toMatchObject({ code: '42501' });
    const notBorrowed = allocation(southProject, south, { borrowed: false, requestedBy: southPm.id });
    await expect(db.as(southPm, (em) => pool.allocate(em, notBorrowed))).rejects.toMatchObject({ code: '42501' });
    // A resource of another home than the row says.
    const wrongHome = allocation(southProject, south, { tenantId: east.id, state: AllocationState.REQUESTED, requestedBy: southPm.id });
    await expect(db.as(southPm, (em) => pool.allocate(em, wrongHome))).rejects.toMatchObject({ code: '42501' });
    expect(await db.owner.query(`SELECT id FROM resource_allocations WHERE project_tenant_id = $1`, [south.id])).toEqual([]);
  });

  it('lets the project’s side insert and read an allocation, the home read and decide it', async () => {
    borrowed = allocation(southProject, south, { state: AllocationState.REQUESTED, hoursPerWeek: '8.00', requestedBy: southPm.id });
    await expect(db.as(northLead, (em) => pool.allocate(em, borrowed))).rejects.toMatchObject({ code: '42501' });
    await db.as(southPm, (em) => pool.allocate(em, borrowed));
    // Another organization cannot book the pool, even onto its own project.
    const foreign = allocation(otherProject, other, { requestedBy: stranger.id });
    await expect(db.as(stranger, (em) => pool.allocate(em, foreign))).rejects.toMatchObject({ code: '42501' });

    expect(ids(await db.as(northLead, (em) => pool.allocations(em, [north.id], null)))).toEqual(ids([home, borrowed]));
    expect(ids(await db.as(southPm, (em) => pool.allocations(em, [north.id, south.id], null)))).toEqual([borrowed.id]);
    expect(await db.as(eastLead, (em) => pool.allocations(em, [north.id, south.id, east.id], null))).toEqual([]);
    expect(await db.as(stranger, (em) => pool.allocations(em, [north.id, south.id], null))).toEqual([]);
    expect((await db.owner.query(`SELECT id FROM resource_allocations`)).length).toBe(2);
    expect(ids(await db.as(hubAdmin, (em) => pool.allocations(em, [hub.id, north.id, south.id], [AllocationState.REQUESTED])))).toEqual([borrowed.id]);

    expect(await db.as(southPm, (em) => pool.decide(em, borrowed.id, AllocationState.APPROVED, southPm.id))).toBe(false);
    expect(await db.as(stranger, (em) => pool.decide(em, borrowed.id, AllocationState.APPROVED, stranger.id))).toBe(false);
    expect(await db.as(northLead, (em) => pool.decide(em, borrowed.id, AllocationState.APPROVED, northLead.id))).toBe(true);
    expect(await db.as(northLead, (em) => pool.decide(em, borrowed.id, AllocationState.REJECTED, northLead.id))).toBe(false);
    await expect(db.as(northLead, (em) => em.query(`UPDATE resource_allocations SET hours_per_week = 1`))).rejects.toMatchObject({ code: '42501' });
    const [row] = await db.owner.query(`SELECT state, decided_by FROM resource_allocations WHERE id = $1`, [borrowed.id]);
    expect(row).toEqual({ state: 'APPROVED', decided_by: northLead.id });
  });

  it('shows the home the projects that borrow its resources (and their tenants), and no one else', async () => {
    expect(await db.as(northLead, (em) => pool.project(em, southProject))).toMatchObject({ id: southProject, tenantId: south.id, path: south.path });
    expect((await db.as(northLead, (em) => pool.projectCards(em, [southProject]))).map((p) => p.code)).toEqual(['S-1']);
    expect(await db.as(eastLead, (em) => pool.project(em, southProject))).toBeNull();
    expect(await db.as(stranger, (em) => pool.project(em, southProject))).toBeNull();
    // Not the borrower's other projects.
    const unrelated = await project(south, 'S-2');
    expect(await db.as(northLead, (em) => pool.project(em, unrelated))).toBeNull();
    expect(await db.as(eastLead, (em) => em.query(`SELECT id FROM tenants WHERE id = $1`, [south.id]))).toEqual([]);
    expect(await db.as(northLead, (em) => em.query(`SELECT id FROM tenants WHERE id = $1`, [south.id]))).toEqual([{ id: south.id }]);
  });

  it('keeps a moved project’s allocations in step (tenant, borrowed)', async () => {
    await db.owner.query(`UPDATE projects SET tenant_id = $2 WHERE id = $1`, [southProject, north.id]);
    const [row] = await db.owner.query(`SELECT project_tenant_id, borrowed FROM resource_allocations WHERE id = $1`, [borrowed.id]);
    expect(row).toEqual({ project_tenant_id: north.id, borrowed: false });
    await db.owner.query(`UPDATE projects SET tenant_id = $2 WHERE id = $1`, [southProject, south.id]);
  });

  it('computes load and summary per week in SQL, approved hours only, requested apart', async () => {
    await db.as(northLead, (em) =>
      pool.allocate(em, allocation(northProject, north, { kind: AllocationKind.SOFT, hoursPerWeek: '5.50', fromWeek: '2027-01-04', toWeek: '2027-01-04' })),
    );
    await db.as(southPm, (em) =>
      pool.allocate(
        em,
        allocation(southProject, south, { state: AllocationState.REQUESTED, hoursPerWeek: '4.00', fromWeek: '2027-01-11', toWeek: '2027-01-11' }),
      ),
    );
    const load = await db.as(hubAdmin, (em) => pool.load(em, hub.id, '2026-12-28', '2027-01-11', false));
    expect(load.map(({ week, capacityHours, hardHours, softHours }) => ({ week, capacityHours, hardHours, softHours }))).toEqual([
      { week: '2026-W53', capacityHours: 40, hardHours: 38, softHours: 0 },
      { week: '2027-W01', capacityHours: 40, hardHours: 38, softHours: 5.5 },
      { week: '2027-W02', capacityHours: 40, hardHours: 0, softHours: 0 },
    ]);
    expect((await db.as(hubAdmin, (em) => pool.load(em, hub.id, '2026-12-28', '2027-01-11', true))).map((r) => r.week)).toEqual(['2027-W01']);
    expect(await db.as(hubAdmin, (em) => pool.summary(em, north.id, '2026-12-28', '2027-01-11'))).toEqual([
      { week: '2026-W53', resources: 1, capacityHours: 40, hardHours: 38, softHours: 0, requestedHours: 0 },
      { week: '2027-W01', resources: 1, capacityHours: 40, hardHours: 38, softHours: 5.5, requestedHours: 0 },
      { week: '2027-W02', resources: 1, capacityHours: 40, hardHours: 0, softHours: 0, requestedHours: 4 },
    ]);
    // Another organization's hub sees none of it.
    expect(await db.as(stranger, (em) => pool.load(em, hub.id, '2026-12-28', '2027-01-11', false))).toEqual([]);
    expect((await db.as(stranger, (em) => pool.summary(em, hub.id, '2026-12-28', '2026-12-28')))[0]).toMatchObject({ resources: 0, hardHours: 0 });
  });
});

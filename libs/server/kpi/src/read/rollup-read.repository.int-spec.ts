// What the read model reads, through RLS: a user sees the rollups, marks and values of
// their own subtrees only. Figures stay exact (numeric as text) and carry their RAG.
import { randomUUID } from 'node:crypto';
import { Rag, Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { rebuildOrganization } from '../engine/rebuild';
import { RollupReadRepository } from './rollup-read.repository';

describe('RollupReadRepository', () => {
  const read = new RollupReadRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let spoke: SeededTenant;
  let sibling: SeededTenant;
  let admin: SeededUser;
  let spokeLead: SeededUser;
  let siblingLead: SeededUser;
  let sum: string;
  let avg: string;
  let spokeProject: string;

  const kpi = async (key: string, aggregation: string) => {
    const id = randomUUID();
    await db.owner.query(
      `INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, aggregation, direction, status, green_threshold, amber_threshold)
       VALUES ($1, $2, $2, $3, $3, $4, 'HIGHER_IS_BETTER', 'PUBLISHED', 50, 10)`,
      [id, hub.orgId, key, aggregation],
    );
    return id;
  };
  const project = async (tenant: SeededTenant, code: string) => {
    const id = randomUUID();
    await db.owner.query(`INSERT INTO projects (id, org_id, tenant_id, code, name) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      tenant.orgId,
      tenant.id,
      code,
      `Project ${code}`,
    ]);
    return id;
  };
  const value = (projectId: string, tenant: SeededTenant, kpiId: string, period: string, amount: string, weight: string | null = null) =>
    db.owner.query(`INSERT INTO kpi_values (project_id, kpi_id, period, tenant_id, org_id, value, weight) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      projectId,
      kpiId,
      period,
      tenant.id,
      tenant.orgId,
      amount,
      weight,
    ]);

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    spoke = await db.spoke(hub, 'B spoke');
    sibling = await db.spoke(hub, 'A sibling');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    spokeLead = await db.user([[spoke, Role.PMO_LEAD]]);
    siblingLead = await db.user([[sibling, Role.PMO_LEAD]]);
    sum = await kpi('budget', 'SUM');
    avg = await kpi('on_time', 'AVG');
    spokeProject = await project(spoke, 'S1');
    const hubProject = await project(hub, 'H1');
    const siblingProject = await project(sibling, 'A1');
    await value(spokeProject, spoke, sum, '2026-01', '0.1');
    await value(spokeProject, spoke, sum, '2026-02', '40');
    await value(spokeProject, spoke, avg, '2026-01', '60', '2');
    await value(siblingProject, sibling, sum, '2026-01', '0.2');
    await value(hubProject, hub, sum, '2026-01', '5');
    await db.owner.transaction((em) => rebuildOrganization(em, hub.orgId));
  });
  afterAll(() => db.close());

  it('reads one rollup by KPI key with its exact figure and RAG', async () => {
    const rollup = await db.as(admin, (em) => read.figure(em, hub.id, 'budget', '2026-01'));
    expect(rollup).toEqual({ tenantId: hub.id, kpiId: sum, period: '2026-01', projectCount: 3, computedAt: expect.any(Date), figure: '5.3', rag: Rag.RED });
    expect(await db.as(admin, (em) => read.figure(em, hub.id, 'budget', '2025-01'))).toBeUndefined();
    expect(await db.as(admin, (em) => read.figure(em, hub.id, 'unknown', '2026-01'))).toBeUndefined();
  });

  it('reads a tenant’s rollups of a period by key, nodes at once, a trend, and a node with its children', async () => {
    expect(await db.as(admin, (em) => read.figuresOfPeriod(em, spoke.id, '2026-01'))).toEqual([
      expect.objectContaining({ kpiId: sum, figure: '0.1', rag: Rag.RED }),
      expect.objectContaining({ kpiId: avg, figure: '60.0000000000000000', rag: Rag.GREEN }),
    ]);
    const nodes = [
      { kpiId: avg, period: '2026-01' },
      { kpiId: sum, period: '2026-02' },
      { kpiId: sum, period: '2026-03' },
    ];
    const at = await db.as(admin, (em) => read.figuresAt(em, spoke.id, nodes));
    expect(at.map((row) => [row.kpiId, row.period]).sort()).toEqual(
      [
        [avg, '2026-01'],
        [sum, '2026-02'],
      ].sort(),
    );
    expect((await db.as(admin, (em) => read.trend(em, spoke.id, 'budget', '2026-01', '2026-12'))).map((row) => [row.period, row.figure])).toEqual([
      ['2026-01', '0.1'],
      ['2026-02', '40'],
    ]);
    const family = await db.as(admin, (em) => read.figuresOfNodeAndChildren(em, hub.id, sum, '2026-01'));
    expect(family.map((row) => [row.tenantId, row.figure])).toEqual([
      [hub.id, '5.3'],
      [sibling.id, '0.2'],
      [spoke.id, '0.1'],
    ]);
  });

  it('reads a KPI’s id by key, its definitions by id, and a tenant’s own projects’ values', async () => {
    expect(await db.as(spokeLead, (em) => read.kpiId(em, spoke.id, 'budget'))).toBe(sum);
    expect(await db.as(spokeLead, (em) => read.kpiId(em, spoke.id, 'missing'))).toBeUndefined();
    const definitions = await db.as(admin, (em) => read.kpiDefinitions(em, [avg, sum, randomUUID()]));
    expect(definitions.map((each) => each.key).sort()).toEqual(['budget', 'on_time']);
    expect(definitions.find((each) => each.id === avg)).toMatchObject({ aggregation: 'AVG', greenThreshold: 50, tenantId: hub.id, orgId: hub.orgId });
    expect(await db.as(admin, (em) => read.ownProjectValues(em, spoke.id, avg, '2026-01'))).toEqual([
      { projectId: spokeProject, projectCode: 'S1', projectName: 'Project S1', value: 60, weight: 2 },
    ]);
  });

  it('counts the changes not yet rolled up in a subtree, and the age of the oldest', async () => {
    const before = await db.as(admin, (em) => read.freshness(em, hub.id));
    expect(before.pendingNodes).toBeGreaterThan(0);
    await db.owner.query(`UPDATE kpi_rollup_dirty SET marked_at = clock_timestamp() - interval '90 seconds' WHERE tenant_id = $1`, [spoke.id]);
    const spokeOnly = await db.as(spokeLead, (em) => read.freshness(em, spoke.id));
    expect(spokeOnly.pendingNodes).toBe(3);
    expect(spokeOnly.oldestPendingSeconds).toBeGreaterThanOrEqual(90);
    await db.owner.query('DELETE FROM kpi_rollup_dirty');
    expect(await db.as(admin, (em) => read.freshness(em, hub.id))).toEqual({ pendingNodes: 0, oldestPendingSeconds: null });
  });

  it('reads a tenant’s organization and parent', async () => {
    expect(await db.as(admin, (em) => read.tenant(em, hub.id))).toEqual({ orgId: hub.orgId, parentId: null });
    expect(await db.as(admin, (em) => read.tenant(em, spoke.id))).toEqual({ orgId: hub.orgId, parentId: hub.id });
  });

  it('shows a sibling spoke nothing of another spoke: rollups, marks, values', async () => {
    await value(spokeProject, spoke, sum, '2026-05', '7');
    expect(await db.as(siblingLead, (em) => read.figure(em, spoke.id, 'budget', '2026-01'))).toBeUndefined();
    expect(await db.as(siblingLead, (em) => read.figuresOfPeriod(em, spoke.id, '2026-01'))).toEqual([]);
    expect(await db.as(siblingLead, (em) => read.figuresOfNodeAndChildren(em, hub.id, sum, '2026-01'))).toEqual([
      expect.objectContaining({ tenantId: sibling.id }),
    ]);
    expect(await db.as(siblingLead, (em) => read.ownProjectValues(em, spoke.id, sum, '2026-01'))).toEqual([]);
    expect(await db.as(siblingLead, (em) => read.freshness(em, spoke.id))).toEqual({ pendingNodes: 0, oldestPendingSeconds: null });
    // The owner sees what the sibling may not: the empty answers above are RLS, not absence.
    const [{ rollups, marks }] = await db.owner.query(
      `SELECT (SELECT count(*)::int FROM kpi_rollups WHERE tenant_id = $1) AS rollups, (SELECT count(*)::int FROM kpi_rollup_dirty WHERE tenant_id = $1) AS marks`,
      [spoke.id],
    );
    expect(rollups).toBeGreaterThan(0);
    expect(marks).toBe(1);
  });
});

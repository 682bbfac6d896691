// The KPI value repository and the RLS policies of kpi_values and kpi_value_history: a
// caller writes and reads the values of projects it sees (exact decimals in, the API's
// numbers out), the history only grows, and a sibling spoke or another organization sees
// none of it; a job acting for a tenant sees that tenant's subtree.
import { randomUUID } from 'node:crypto';
import { KpiAggregation, ProjectState, Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { ProjectEntity } from '../project/project.entity';
import { seedKpi, seedProject } from '../testing/seed';
import { KpiValueHistoryEntity } from './kpi-value-history.entity';
import { KpiValueEntity } from './kpi-value.entity';
import { KpiValueRepository, ValueKey } from './kpi-value.repository';
import { CheckedValue } from './kpi-value.rules';

describe('KpiValueRepository', () => {
  const values = new KpiValueRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let admin: SeededUser;
  let northLead: SeededUser;
  let southLead: SeededUser;
  let stranger: SeededUser;
  let project: ProjectEntity;
  let southProject: ProjectEntity;
  const kpis: Record<string, string> = {};

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southLead = await db.user([[south, Role.PMO_LEAD]]);
    stranger = await db.user([[await db.hub('Globex'), Role.ORG_ADMIN]]);
    project = await seedProject(db, north);
    southProject = await seedProject(db, south);
    kpis.cost = await seedKpi(db, hub, 'cost');
    kpis.cpi = await seedKpi(db, hub, 'cpi', { aggregation: KpiAggregation.WEIGHTED_AVG });
    kpis.north = await seedKpi(db, north, 'north_only');
    kpis.south = await seedKpi(db, south, 'south_only');
  });
  afterAll(() => db.close());

  const row = (kpi: string, period: string, value: string, weight: string | null = null): CheckedValue => ({
    projectId: project.id,
    kpiId: kpis[kpi],
    period,
    tenantId: north.id,
    orgId: north.orgId,
    value,
    weight,
  });
  const key = (kpi: string, period: string): ValueKey => ({ projectId: project.id, kpiId: kpis[kpi], period });
  const stored = () =>
    db.owner.query(`SELECT kpi_id, period, value::text, weight::text FROM kpi_values WHERE project_id = $1 ORDER BY kpi_id, period`, [project.id]);

  it('locks the projects a write names, with their tenants’ paths, only where the caller sees them', async () => {
    const locked = await db.as(northLead, (em) => values.lockProjects(em, [project.id, southProject.id]));
    expect(locked).toEqual([{ id: project.id, tenantId: north.id, orgId: hub.orgId, state: ProjectState.ACTIVE, path: north.path }]);
    expect((await db.as(admin, (em) => values.lockProjects(em, [southProject.id, project.id]))).map((p) => p.id)).toEqual([project.id, southProject.id].sort());
  });

  it('reads the KPI definitions in force for the caller', async () => {
    const found = await db.as(northLead, (em) => values.kpisByKeys(em, [hub.orgId], ['cost', 'north_only', 'south_only', 'nope']));
    expect(found.map((kpi) => kpi.key).sort()).toEqual(['cost', 'north_only']);
    expect(found.find((kpi) => kpi.key === 'cost')).toEqual({
      id: kpis.cost,
      orgId: hub.orgId,
      key: 'cost',
      tenantId: hub.id,
      status: 'PUBLISHED',
      aggregation: 'SUM',
      builtIn: false,
      mandatory: false,
    });
    const [cpi] = await db.as(northLead, (em) => values.kpiDefinitions(em, [kpis.cpi]));
    expect(cpi).toMatchObject({ id: kpis.cpi, key: 'cpi', aggregation: KpiAggregation.WEIGHTED_AVG, tenantId: hub.id, orgId: hub.orgId, version: 1 });
  });

  it('writes values exactly and reads them as the API shows them', async () => {
    const written = await db.as(northLead, (em) => values.write(em, [row('cost', '2026-01', '0.1'), row('cpi', '2026-01', '1.05', '3')], northLead.id));
    expect(
      written
        .map(({ kpiId, period, value, weight, recordedBy }) => ({ kpiId, period, value, weight, recordedBy }))
        .sort((a, b) => a.kpiId.localeCompare(b.kpiId)),
    ).toEqual(
      [
        { kpiId: kpis.cost, period: '2026-01', value: 0.1, weight: null, recordedBy: northLead.id },
        { kpiId: kpis.cpi, period: '2026-01', value: 1.05, weight: 3, recordedBy: northLead.id },
      ].sort((a, b) => a.kpiId.localeCompare(b.kpiId)),
    );
    expect(await stored()).toEqual(
      [
        { kpi_id: kpis.cost, period: '2026-01', value: '0.1', weight: null },
        { kpi_id: kpis.cpi, period: '2026-01', value: '1.05', weight: '3' },
      ].sort((a, b) => a.kpi_id.localeCompare(b.kpi_id)),
    );
    await db.as(northLead, (em) => values.write(em, [row('cost', '2025-12', '7')], northLead.id));
    const listed = await db.as(northLead, (em) => values.list(em, project.id, null, 1200));
    expect(listed.map((v) => [v.period, v.kpiId, v.value])).toEqual([
      ['2026-01', kpis.cost, 0.1],
      ['2026-01', kpis.cpi, 1.05],
      ['2025-12', kpis.cost, 7],
    ]);
    expect((await db.as(northLead, (em) => values.list(em, project.id, '2025-12', 1200))).map((v) => v.period)).toEqual(['2025-12']);
    expect(await db.as(northLead, (em) => values.list(em, project.id, null, 1))).toHaveLength(1);
  });

  it('keeps what a write replaces in the history, latest first', async () => {
    const replaced = await db.as(northLead, async (em) => {
      const kept = await values.keepHistory(em, [key('cost', '2026-01'), key('cost', '2030-01')], northLead.id, 'REPLACED');
      await values.write(em, [row('cost', '2026-01', '0.3')], northLead.id);
      return kept;
    });
    expect(replaced).toEqual([{ project_id: project.id, kpi_id: kpis.cost, period: '2026-01', value: '0.1', weight: null }]);
    await db.as(northLead, (em) => values.keepHistory(em, [key('cost', '2026-01')], null, 'REPLACED'));
    const history = await db.as(northLead, (em) => values.historyOf(em, [key('cost', '2026-01'), key('cpi', '2026-01')]));
    expect(history.map((h) => [h.key, h.value, h.action, h.supersededBy])).toEqual([
      [`${project.id}|${kpis.cost}|2026-01`, 0.3, 'REPLACED', null],
      [`${project.id}|${kpis.cost}|2026-01`, 0.1, 'REPLACED', northLead.id],
    ]);
  });

  it('locks and deletes one value', async () => {
    const locked = await db.as(northLead, (em) => values.lock(em, key('cost', '2025-12')));
    expect(locked).toMatchObject({ projectId: project.id, kpiId: kpis.cost, period: '2025-12', value: '7', weight: null, tenantId: north.id });
    await db.as(northLead, (em) => values.delete(em, key('cost', '2025-12')));
    expect(await db.as(northLead, (em) => values.lock(em, key('cost', '2025-12')))).toBeNull();
    expect(await db.owner.getRepository(KpiValueEntity).countBy({ projectId: project.id, period: '2025-12' })).toBe(0);
  });

  it('names the rollup nodes a project feeds, and a KPI it reports that a path does not hold', async () => {
    const nodes = await db.as(admin, (em) => values.nodesOfProject(em, project.id));
    expect(nodes.sort((a, b) => a.kpi_id.localeCompare(b.kpi_id))).toEqual(
      [
        { kpi_id: kpis.cost, period: '2026-01' },
        { kpi_id: kpis.cpi, period: '2026-01' },
      ].sort((a, b) => a.kpi_id.localeCompare(b.kpi_id)),
    );
    expect(await db.as(admin, (em) => values.keyNotInForce(em, project.id, south.path))).toBeNull();
    await db.as(northLead, (em) => values.write(em, [row('north', '2026-01', '1')], northLead.id));
    expect(await db.as(admin, (em) => values.keyNotInForce(em, project.id, south.path))).toBe('north_only');
    expect(await db.as(admin, (em) => values.keyNotInForce(em, project.id, north.path))).toBeNull();
  });

  it('shows and changes nothing of a project the caller cannot see', async () => {
    const before = await stored();
    for (const user of [southLead, stranger]) {
      expect(await db.as(user, (em) => values.list(em, project.id, null, 1200))).toEqual([]);
      expect(await db.as(user, (em) => values.historyOf(em, [key('cost', '2026-01')]))).toEqual([]);
      expect(await db.as(user, (em) => values.nodesOfProject(em, project.id))).toEqual([]);
      expect(await db.as(user, (em) => values.lock(em, key('cost', '2026-01')))).toBeNull();
      expect(await db.as(user, (em) => values.keepHistory(em, [key('cost', '2026-01')], user.id, 'DELETED'))).toEqual([]);
      await db.as(user, (em) => values.delete(em, key('cost', '2026-01')));
      await expect(db.as(user, (em) => values.write(em, [row('cost', '2026-02', '1')], user.id))).rejects.toMatchObject({ code: '42501' });
    }
    expect(await stored()).toEqual(before);
    expect(await db.owner.getRepository(KpiValueHistoryEntity).countBy({ projectId: project.id })).toBe(2);
  });

  it('lets a job acting for a tenant see that tenant’s subtree only', async () => {
    expect((await db.asSystem(north, (em) => em.findBy(KpiValueEntity, { projectId: project.id }))).length).toBeGreaterThan(0);
    expect(await db.asSystem(south, (em) => em.findBy(KpiValueEntity, { projectId: project.id }))).toEqual([]);
    expect(await db.asSystem(south, (em) => em.findBy(KpiValueHistoryEntity, { projectId: project.id }))).toEqual([]);
  });

  it('keeps the history append-only', async () => {
    await expect(db.as(northLead, (em) => em.update(KpiValueHistoryEntity, { projectId: project.id }, { value: '0' }))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db.as(northLead, (em) => em.delete(KpiValueHistoryEntity, { projectId: project.id }))).rejects.toMatchObject({ code: '42501' });
  });

  describe('the single write in one statement', () => {
    const call = (user: SeededUser, projectId: string, kpiKey: string, value = '7.5', weight: string | null = null) => ({
      sessionId: user.sessionId,
      userId: user.id,
      projectId,
      kpiKey,
      period: '2027-01',
      value,
      weight,
      rolesByRank: ['VIEWER', 'EXECUTIVE', 'PROJECT_MANAGER', 'PMO_LEAD', 'ORG_ADMIN'],
      reporters: ['ORG_ADMIN', 'PMO_LEAD', 'PROJECT_MANAGER'],
      closedStates: [ProjectState.COMPLETED, ProjectState.CANCELLED],
      eventJob: 'compliance.evaluate',
      event: { outboxId: randomUUID(), period: '2027-01', projectIds: [project.id] },
    });
    const record = (user: SeededUser, ...args: Parameters<typeof call> extends [SeededUser, ...infer R] ? R : never) =>
      db.as(user, (em) => values.recordOne(em, call(user, ...args)));

    it('writes the value, its history, the audit entry and the node’s mark, as the caller', async () => {
      const first = await record(northLead, project.id, 'cost');
      expect(first).toMatchObject({ outcome: 'written', tenantId: north.id, orgId: north.orgId, kpiId: kpis.cost, value: 7.5, weight: null });
      const second = call(northLead, project.id, 'cost', '8');
      expect(await db.as(northLead, (em) => values.recordOne(em, second))).toMatchObject({ outcome: 'written', value: 8 });
      const [history] = await db.owner.query(`SELECT value::text, action FROM kpi_value_history WHERE project_id = $1 AND period = '2027-01'`, [project.id]);
      expect(history).toEqual({ value: '7.5', action: 'REPLACED' });
      const [audit] = await db.owner.query(
        `SELECT actor_id, before, after FROM audit_log WHERE entity = 'kpi_value' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [project.id],
      );
      expect(audit).toEqual({
        actor_id: northLead.id,
        before: [{ kpiKey: 'cost', period: '2027-01', value: '7.5', weight: null }],
        after: [{ kpiKey: 'cost', period: '2027-01', value: '8', weight: null }],
      });
      const marks = await db.owner.query(`SELECT 1 FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = '2027-01'`, [north.id, kpis.cost]);
      expect(marks).toHaveLength(1);
    });

    it('asks for compliance’s re-evaluation with a mandatory KPI’s first value of the period only', async () => {
      await seedKpi(db, hub, 'headcount', { mandatory: true });
      const event = async (c: ReturnType<typeof call>) =>
        (await db.owner.query('SELECT tenant_id, org_id, job_name, payload FROM outbox WHERE id = $1', [c.event.outboxId]))[0];
      // What compliance counts is that a mandatory KPI has a value: its first one can move it.
      const first = call(northLead, project.id, 'headcount', '3');
      expect(await db.as(northLead, (em) => values.recordOne(em, first))).toMatchObject({ outcome: 'written', evaluate: true });
      expect(await event(first)).toEqual({
        tenant_id: north.id,
        org_id: north.orgId,
        job_name: 'compliance.evaluate',
        payload: { ...first.event, tenantId: north.id },
      });
      // Replacing it, or any value of a KPI that is not mandatory, cannot.
      const again = call(northLead, project.id, 'headcount', '4');
      expect(await db.as(northLead, (em) => values.recordOne(em, again))).toMatchObject({ outcome: 'written', evaluate: false, value: 4 });
      const optional = call(northLead, project.id, 'north_only');
      expect(await db.as(northLead, (em) => values.recordOne(em, optional))).toMatchObject({ outcome: 'written', evaluate: false });
      expect(await event(again)).toBeUndefined();
      expect(await event(optional)).toBeUndefined();
    });

    it('writes nothing and answers why: a project not seen, no role to report, a rule', async () => {
      const viewer = await db.user([[north, Role.VIEWER]]);
      const count = async () => Number((await db.owner.query(`SELECT count(*) FROM kpi_values WHERE period = '2027-01'`))[0].count);
      const before = await count();
      expect(await record(northLead, southProject.id, 'cost')).toMatchObject({ outcome: 'not_found', tenantId: null });
      expect(await record(viewer, project.id, 'cost')).toMatchObject({ outcome: 'forbidden' });
      expect(await record(northLead, project.id, 'south_only')).toMatchObject({ outcome: 'refused', kpiId: null });
      expect(await record(northLead, project.id, 'cpi')).toMatchObject({ outcome: 'refused', kpiId: kpis.cpi, kpiAggregation: 'WEIGHTED_AVG' });
      expect(await record(northLead, project.id, 'cpi', '1', '2')).toMatchObject({ outcome: 'written', weight: 2 });
      expect(await count()).toBe(before + 1);
      // Another user's session does not enter: the statement fails as an ended session.
      await expect(db.as(northLead, (em) => values.recordOne(em, { ...call(northLead, project.id, 'cost'), userId: viewer.id }))).rejects.toMatchObject({
        code: '28000',
      });
    });
  });
});

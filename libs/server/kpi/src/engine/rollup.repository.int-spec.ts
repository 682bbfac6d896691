// The rollup engine's repository and the RLS policies of its tables: a tick claims an
// organization's marks (waiting for the writers holding them) and recomputes a level at
// a time within its context's subtree; the definer function, which only the worker may
// call, names the organizations with marks; a rebuild rewrites an organization's
// rollups exactly.
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RollupNode } from '@pmo/core';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { KpiRollupDirtyEntity } from './kpi-rollup-dirty.entity';
import { KpiRollupEntity } from './kpi-rollup.entity';
import { REBUILD_WORK_MEM } from './rebuild';
import { RollupRepository } from './rollup.repository';

const PERIOD = '2026-03';

describe('RollupRepository', () => {
  const rollups = new RollupRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let spoke: SeededTenant;
  let sibling: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let siblingLead: SeededUser;
  let kpiId: string;
  let projects: Record<'hub' | 'spoke' | 'sibling', string>;

  const project = async (tenant: SeededTenant) => {
    const id = randomUUID();
    await db.owner.query(`INSERT INTO projects (id, org_id, tenant_id, code, name) VALUES ($1, $2, $3, $4, 'Project')`, [
      id,
      tenant.orgId,
      tenant.id,
      id.slice(0, 8),
    ]);
    return id;
  };
  /** Written as the owner: the value's trigger marks its node dirty, as the app's writes do. */
  const value = (projectId: string, tenant: SeededTenant, amount: string, period = PERIOD) =>
    db.owner.query(
      `INSERT INTO kpi_values (project_id, kpi_id, period, tenant_id, org_id, value) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id, kpi_id, period) DO UPDATE SET value = EXCLUDED.value`,
      [projectId, kpiId, period, tenant.id, tenant.orgId, amount],
    );
  const node = (tenant: SeededTenant, period = PERIOD): RollupNode => ({ tenantId: tenant.id, kpiId, period });
  const mark = (tenant: SeededTenant) => db.owner.getRepository(KpiRollupDirtyEntity).findOneBy({ tenantId: tenant.id, kpiId, period: PERIOD });
  const stored = (tenant: SeededTenant, period = PERIOD) => db.owner.getRepository(KpiRollupEntity).findOneBy({ tenantId: tenant.id, kpiId, period });

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    spoke = await db.spoke(hub);
    sibling = await db.spoke(hub);
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    siblingLead = await db.user([[sibling, Role.PMO_LEAD]]);
    kpiId = randomUUID();
    await db.owner.query(
      `INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, aggregation, direction, status)
       VALUES ($1, $2, $2, 'on_time', 'On time', 'SUM', 'HIGHER_IS_BETTER', 'PUBLISHED')`,
      [kpiId, hub.orgId],
    );
    projects = { hub: await project(hub), spoke: await project(spoke), sibling: await project(sibling) };
  });
  afterAll(() => db.close());

  /** A tick's work on the hub's context: its locks, its claim, and the levels given. */
  const claimed = (asked: RollupNode[] = []) =>
    db.asSystem(hub, async (em) => {
      await rollups.beginTick(em, hub.orgId);
      return rollups.claim(em, hub.orgId, 100, asked);
    });
  const level = (nodes: RollupNode[], tenant: SeededTenant = hub) => db.asSystem(tenant, (em) => rollups.recomputeLevel(em, hub.orgId, nodes));
  const changedOf = (tenant: SeededTenant, parent: SeededTenant | null, period = PERIOD) => ({
    tenantId: tenant.id,
    kpiId,
    period,
    parentId: parent?.id ?? null,
    builtIn: false,
    ragBefore: null,
    ragAfter: null,
  });

  it('claims the organization’s marks with the nodes asked for, and recomputes a level from its own values and its children', async () => {
    await value(projects.spoke, spoke, '10.5');
    expect(await mark(spoke)).not.toBeNull();
    expect(await claimed([node(hub, '2026-02')])).toEqual(
      expect.arrayContaining([
        { ...node(spoke), depth: 1, parentId: hub.id },
        { ...node(hub, '2026-02'), depth: 0, parentId: null },
      ]),
    );
    expect(await mark(spoke)).toBeNull();
    expect(await level([node(spoke)])).toEqual([changedOf(spoke, hub)]);
    expect(await stored(spoke)).toMatchObject({ orgId: hub.orgId, valueCount: '1', valueSum: '10.5', minValue: '10.5', maxValue: '10.5' });
    await value(projects.hub, hub, '2');
    expect(await level([node(hub), node(hub, '2026-02')])).toEqual([changedOf(hub, null)]);
    // Computing it again finds the same state.
    expect(await level([node(hub)])).toEqual([]);
    expect(await stored(hub)).toMatchObject({ valueCount: '2', valueSum: '12.5', weightSum: null, minValue: '2', maxValue: '10.5' });
    await db.owner.query('DELETE FROM kpi_rollup_dirty');
  });

  it("gives a built-in KPI's colour before and after, so its change can be an event", async () => {
    // The organization's built-in compliance KPI (created with its hub): AVG, green from 0.9, amber from 0.7.
    const [{ id: compliance }] = await db.owner.query(`SELECT id FROM kpi_definitions WHERE org_id = $1 AND built_in`, [hub.orgId]);
    const score = (amount: string) =>
      db.owner.query(
        `INSERT INTO kpi_values (project_id, kpi_id, period, tenant_id, org_id, value) VALUES ($1, $2, '2026-05', $3, $4, $5)
         ON CONFLICT (project_id, kpi_id, period) DO UPDATE SET value = EXCLUDED.value`,
        [projects.spoke, compliance, spoke.id, spoke.orgId, amount],
      );
    const recompute = async () => (await level([{ tenantId: spoke.id, kpiId: compliance, period: '2026-05' }], spoke))[0];
    const colours = (ragBefore: string | null, ragAfter: string) => ({ builtIn: true, ragBefore, ragAfter });
    await score('1');
    expect(await recompute()).toMatchObject(colours(null, 'GREEN'));
    await score('0.95');
    expect(await recompute()).toMatchObject(colours('GREEN', 'GREEN'));
    await score('0.5');
    expect(await recompute()).toMatchObject(colours('GREEN', 'RED'));
    // Leaves the organization's figures as the other tests expect them.
    for (const table of ['kpi_values', 'kpi_rollups', 'kpi_rollup_dirty']) await db.owner.query(`DELETE FROM ${table} WHERE kpi_id = $1`, [compliance]);
  });

  it('lets writers to one node mark it together, and makes a claim wait for them, so the tick sees their values', async () => {
    const second = await project(spoke);
    await value(projects.spoke, spoke, '11');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing: Array<Promise<void>> = [];
    const writer = (projectId: string, amount: string) => {
      let written!: () => void;
      const done = new Promise<void>((resolve) => (written = resolve));
      writing.push(
        db.owner.transaction(async (em) => {
          await em.query(
            `INSERT INTO kpi_values (project_id, kpi_id, period, tenant_id, org_id, value) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (project_id, kpi_id, period) DO UPDATE SET value = EXCLUDED.value`,
            [projectId, kpiId, PERIOD, spoke.id, spoke.orgId, amount],
          );
          written();
          await held;
        }),
      );
      return done;
    };
    // Two open writers to the same node: the second is not held up by the first's mark.
    await writer(projects.spoke, '12');
    await writer(second, '3');
    let claimedAt = 0;
    const claim = claimed().then((nodes) => ((claimedAt = Date.now()), nodes));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(claimedAt).toBe(0);
    const committedAt = Date.now();
    release();
    await Promise.all(writing);
    expect(await claim).toEqual([{ ...node(spoke), depth: 1, parentId: hub.id }]);
    expect(claimedAt).toBeGreaterThanOrEqual(committedAt);
    await level([node(spoke)]);
    expect(await stored(spoke)).toMatchObject({ valueCount: '2', valueSum: '15' });
    await db.owner.query('DELETE FROM kpi_values WHERE project_id = $1', [second]);
    await value(projects.spoke, spoke, '10.5');
    await level([node(spoke)]);
    await db.owner.query('DELETE FROM kpi_rollup_dirty');
  });

  it('removes the row of a node left without values', async () => {
    await value(projects.spoke, spoke, '4', '2026-04');
    await level([node(spoke, '2026-04')]);
    expect(await stored(spoke, '2026-04')).not.toBeNull();
    await db.owner.query(`DELETE FROM kpi_values WHERE project_id = $1 AND period = '2026-04'`, [projects.spoke]);
    expect(await level([node(spoke, '2026-04')])).toEqual([changedOf(spoke, hub, '2026-04')]);
    expect(await stored(spoke, '2026-04')).toBeNull();
    await db.owner.query('DELETE FROM kpi_rollup_dirty');
  });

  it('runs one tick of an organization at a time: the second waits for the first', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const locked = new Promise<void>((resolve) => (holding = resolve));
    const holder = db.asSystem(hub, async (em) => {
      await rollups.beginTick(em, hub.orgId);
      holding();
      await held;
    });
    await locked;
    let second = false;
    const waiting = db.asSystem(hub, (em) => rollups.beginTick(em, hub.orgId)).then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second).toBe(false);
    release();
    await Promise.all([holder, waiting]);
    expect(second).toBe(true);
  });

  it('claims and computes nothing outside the job’s subtree, and its rollups and marks there are not visible or writable', async () => {
    await value(projects.spoke, spoke, '13');
    expect(await db.asSystem(sibling, (em) => rollups.claim(em, hub.orgId, 100, [node(spoke)]))).toEqual([]);
    expect(await db.asSystem(sibling, (em) => rollups.organizationOf(em, spoke.id))).toBeUndefined();
    expect(await db.asSystem(spoke, (em) => rollups.organizationOf(em, spoke.id))).toBe(hub.orgId);
    const where = { tenantId: spoke.id, period: PERIOD };
    const seenBy = (em: EntityManager) => Promise.all([em.find(KpiRollupEntity, { where }), em.find(KpiRollupDirtyEntity, { where })]);
    expect(await db.asSystem(sibling, seenBy)).toEqual([[], []]);
    expect(await db.as(siblingLead, seenBy)).toEqual([[], []]);
    // The owner sees them: the empty answers above are RLS, not absence.
    const [rows, marks] = await seenBy(db.owner.manager);
    expect([rows.length, marks.length]).toEqual([1, 1]);
    expect(await mark(spoke)).not.toBeNull();
    await expect(
      db.as(siblingLead, (em) => em.insert(KpiRollupEntity, { tenantId: spoke.id, kpiId, period: '2026-09', orgId: hub.orgId, valueCount: '1' })),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      db.as(siblingLead, (em) => em.insert(KpiRollupDirtyEntity, { tenantId: spoke.id, kpiId, period: '2026-09', orgId: hub.orgId })),
    ).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('names every organization with marks past the grace period for the worker, and to no one else', async () => {
    await value(projects.sibling, sibling, '1');
    expect(await db.asSystem(other, (em) => rollups.dirtyOrganizations(em, 0))).toEqual([hub.orgId]);
    expect(await db.asSystem(other, (em) => rollups.dirtyOrganizations(em, 60_000))).toEqual([]);
    await expect(db.as(admin, (em) => rollups.dirtyOrganizations(em, 0))).rejects.toMatchObject({ code: '42501' });
  });

  it('rebuilds an organization from its values, writing only what differs and removing what has none', async () => {
    const stray = { tenantId: sibling.id, kpiId, period: '2020-01', orgId: hub.orgId, valueCount: '1', valueSum: '9' };
    await db.owner.getRepository(KpiRollupEntity).insert(stray);
    const rebuild = (em: EntityManager) =>
      (async () => {
        await rollups.beginRebuild(em, hub.orgId, REBUILD_WORK_MEM);
        const settings = await em.query(`SELECT current_setting('app.rebuilding') AS rebuilding, current_setting('work_mem') AS "workMem"`);
        const own = await rollups.ownStates(em, hub.orgId);
        const result = await rollups.rebuildTree(em, hub.orgId, own);
        await rollups.endRebuild(em);
        const after = await em.query(`SELECT current_setting('app.rebuilding') AS rebuilding`);
        return { settings: settings[0], own, result, after: after[0] };
      })();
    const first = await db.as(admin, rebuild);
    expect(first.settings).toEqual({ rebuilding: 'on', workMem: REBUILD_WORK_MEM });
    expect(first.after).toEqual({ rebuilding: 'off' });
    expect(first.own).toEqual(
      expect.arrayContaining([
        { tenantId: spoke.id, kpiId, period: PERIOD, n: '1', s: '13', ws: null, w: null, mn: '13', mx: '13' },
        { tenantId: hub.id, kpiId, period: PERIOD, n: '1', s: '2', ws: null, w: null, mn: '2', mx: '2' },
      ]),
    );
    // Hub, spoke and sibling in March (the April value is gone); the stray row removed.
    expect(first.result).toMatchObject({ nodes: 3, removed: 1, levels: 2 });
    expect(await stored(hub)).toMatchObject({ valueCount: '3', valueSum: '16', minValue: '1', maxValue: '13' });
    expect(await db.owner.getRepository(KpiRollupEntity).findOneBy({ tenantId: sibling.id, period: '2020-01' })).toBeNull();
    expect((await db.as(admin, rebuild)).result).toEqual({ nodes: 3, written: 0, removed: 0, levels: 2 });
  });

  it('lists the organizations to rebuild by name, all or those asked for', async () => {
    const owner: DataSource = db.owner;
    const all = await rollups.hubs(owner.manager, null);
    expect(all.map((each) => each.id)).toEqual(expect.arrayContaining([hub.id, other.id]));
    expect(all.map((each) => each.name)).toEqual([...all.map((each) => each.name)].sort());
    expect(await rollups.hubs(owner.manager, [other.id, spoke.id])).toEqual([{ id: other.id, name: 'Other' }]);
  });
});

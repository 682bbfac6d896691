// The facts of a subtree's reporting obligations (which projects owe a period, on which
// cadence, first submitted when, waived when) and the waivers' table and policy.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { ObligationRepository } from './obligation.repository';

describe('ObligationRepository', () => {
  const obligations = new ObligationRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let east: SeededTenant;
  let west: SeededTenant;
  let hubAdmin: SeededUser;
  let eastLead: SeededUser;
  let westLead: SeededUser;
  let stranger: SeededUser;
  const p: Record<string, SeededProject> = {};
  const codes = async (user: SeededUser, tenant: SeededTenant, period: string) =>
    (await db.as(user, (em) => obligations.facts(em, tenant.id, period, null))).map((row) => row.code);

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    east = await db.spoke(hub, 'East');
    west = await db.spoke(hub, 'West');
    hubAdmin = await db.user([[hub, Role.ORG_ADMIN]]);
    eastLead = await db.user([[east, Role.PMO_LEAD]]);
    westLead = await db.user([[west, Role.PMO_LEAD]]);
    stranger = await db.user([[await db.hub('Other'), Role.ORG_ADMIN]]);
    p.active = await seed.project(east, { code: 'A-ACTIVE', startDate: '2026-01-10' });
    p.future = await seed.project(east, { code: 'B-FUTURE', startDate: '2026-05-01' });
    p.proposed = await seed.project(east, { code: 'C-PROPOSED', state: 'PROPOSED', startDate: '2026-01-01' });
    // Created at 01:30 UTC on 1 April (23:30 on 31 March at UTC-02:00): it starts in April.
    p.april = await seed.project(east, { code: 'D-APRIL', createdAt: '2026-03-31T23:30:00-02:00' });
    p.march = await seed.project(east, { code: 'E-MARCH', createdAt: '2026-03-31T22:00:00Z' });
    p.completed = await seed.project(east, { code: 'F-COMPLETED', startDate: '2026-01-01' });
    await seed.timeline(p.completed, [
      { at: '2026-01-05T00:00:00Z', state: 'ACTIVE' },
      { at: '2026-03-20T00:00:00Z', state: 'COMPLETED' },
    ]);
    p.cancelled = await seed.project(east, { code: 'G-CANCELLED', startDate: '2026-01-01' });
    await seed.timeline(p.cancelled, [
      { at: '2026-01-05T00:00:00Z', state: 'ACTIVE' },
      { at: '2026-02-28T23:00:00Z', state: 'CANCELLED' },
    ]);
    p.neverActive = await seed.project(east, { code: 'H-NEVER', startDate: '2026-01-01' });
    await seed.timeline(p.neverActive, [
      { at: '2026-01-01T00:00:00Z', state: 'PROPOSED' },
      { at: '2026-04-10T00:00:00Z', state: 'CANCELLED' },
    ]);
    p.onHold = await seed.project(east, { code: 'I-ONHOLD', startDate: '2026-02-01', state: 'ON_HOLD' });
    p.method = await seed.project(east, { code: 'J-METHOD', startDate: '2026-01-01', phases: [{ name: 'Run' }], cadence: { dueDay: 10, graceDays: 2 } });
    p.replaced = await seed.project(east, { code: 'K-REPLACED', startDate: '2026-01-01' });
    await seed.report(p.replaced, '2026-03', '2026-04-03T09:00:00Z', { replacedAt: '2026-04-20T09:00:00Z' });
    await seed.report(p.active, '2026-03', '2026-04-07T12:00:00Z');
    await seed.report(p.active, '2026-02', '2026-03-01T12:00:00Z');
    p.waived = await seed.project(east, { code: 'L-WAIVED', startDate: '2026-01-01' });
    await db.owner.query(
      `INSERT INTO reporting_waivers (id, project_id, tenant_id, org_id, period, reason, waived_at) VALUES ($1, $2, $3, $4, '2026-03', 'Audit month', '2026-04-02T00:00:00Z')`,
      [randomUUID(), p.waived.id, east.id, hub.orgId],
    );
    p.west = await seed.project(west, { code: 'W-1', startDate: '2026-01-01' });
  });
  afterAll(() => db.close());

  it('lists the projects of the subtree that owe the period: started, not PROPOSED, not ended before it', async () => {
    expect(await codes(eastLead, east, '2026-03')).toEqual(['A-ACTIVE', 'E-MARCH', 'F-COMPLETED', 'I-ONHOLD', 'J-METHOD', 'K-REPLACED', 'L-WAIVED']);
    // The month a project ends is still owed, the next is not; April starts D-APRIL.
    expect(await codes(eastLead, east, '2026-04')).toEqual(['A-ACTIVE', 'D-APRIL', 'E-MARCH', 'I-ONHOLD', 'J-METHOD', 'K-REPLACED', 'L-WAIVED']);
    expect(await codes(eastLead, east, '2026-02')).toEqual(['A-ACTIVE', 'F-COMPLETED', 'G-CANCELLED', 'I-ONHOLD', 'J-METHOD', 'K-REPLACED', 'L-WAIVED']);
    expect(await codes(eastLead, east, '2025-12')).toEqual([]);
  });

  it('reads the cadence of the methodology version followed, or none', async () => {
    const rows = await db.as(eastLead, (em) => obligations.facts(em, east.id, '2026-03', [p.method.id, p.active.id]));
    expect(rows.map((r) => [r.code, r.dueDay, r.graceDays])).toEqual([
      ['A-ACTIVE', null, null],
      ['J-METHOD', 10, 2],
    ]);
  });

  it('reads the first submission of the period’s report, kept through a replacement, and the waiver', async () => {
    const rows = await db.as(eastLead, (em) => obligations.facts(em, east.id, '2026-03', [p.active.id, p.replaced.id, p.waived.id, p.march.id]));
    expect(
      rows.map((r) => ({ code: r.code, first: r.firstSubmittedAt?.toISOString() ?? null, waived: r.waivedAt?.toISOString() ?? null, reason: r.waivedReason })),
    ).toEqual([
      { code: 'A-ACTIVE', first: '2026-04-07T12:00:00.000Z', waived: null, reason: null },
      { code: 'E-MARCH', first: null, waived: null, reason: null },
      { code: 'K-REPLACED', first: '2026-04-03T09:00:00.000Z', waived: null, reason: null },
      { code: 'L-WAIVED', first: null, waived: '2026-04-02T00:00:00.000Z', reason: 'Audit month' },
    ]);
  });

  it('covers the whole subtree from above, and nothing beside or outside it (RLS bites)', async () => {
    expect(await codes(hubAdmin, hub, '2026-03')).toContain('W-1');
    expect(await codes(westLead, west, '2026-03')).toEqual(['W-1']);
    // A sibling asking for East's subtree, or another organization for the hub's, gets nothing.
    expect(await codes(westLead, east, '2026-03')).toEqual([]);
    expect(await codes(stranger, hub, '2026-03')).toEqual([]);
    expect(await seed.count('projects', 'tenant_id = $1', [east.id])).toBeGreaterThan(0);
  });

  it('adds a waiver, one per project and period, in a tenant the caller sees only', async () => {
    const waiver = { projectId: p.march.id, tenantId: east.id, orgId: hub.orgId, period: '2026-03', reason: 'Kick-off month', waivedBy: eastLead.id };
    const added = await db.as(eastLead, (em) => obligations.addWaiver(em, { id: randomUUID(), ...waiver }));
    expect(added).toMatchObject({ ...waiver, waivedAt: expect.any(Date) });
    await expect(db.as(eastLead, (em) => obligations.addWaiver(em, { id: randomUUID(), ...waiver }))).rejects.toMatchObject({
      code: '23505',
      constraint: 'reporting_waivers_project_period',
    });
    await expect(db.as(westLead, (em) => obligations.addWaiver(em, { id: randomUUID(), ...waiver, period: '2026-04' }))).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('shows waivers to the project’s readers only, and lets nobody change or remove one', async () => {
    expect(await db.as(westLead, (em) => em.query('SELECT * FROM reporting_waivers'))).toEqual([]);
    expect((await db.as(eastLead, (em) => em.query('SELECT period FROM reporting_waivers ORDER BY period'))).length).toBe(2);
    expect(await seed.count('reporting_waivers')).toBe(2);
    await expect(db.as(eastLead, (em) => em.query(`UPDATE reporting_waivers SET reason = 'forged'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query('DELETE FROM reporting_waivers'))).rejects.toMatchObject({ code: '42501' });
  });
});

// The facts of compliance as of a reference instant: mandatory KPIs without values along
// the tenant path, milestones late on the reference day, gates not passed before the phase
// the project was in then, and actions overdue then.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { ComplianceRepository } from './compliance.repository';

const GATES = [
  { name: 'Initiation', gate: { name: 'Gate 1', deliverables: ['Charter'], approverRole: 'PMO_LEAD' } },
  { name: 'Planning', gate: { name: 'Gate 2', deliverables: ['Plan'], approverRole: 'PMO_LEAD' } },
  { name: 'Delivery' },
];

describe('ComplianceRepository', () => {
  const compliance = new ComplianceRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let east: SeededTenant;
  let eastLead: SeededUser;
  let westLead: SeededUser;
  let x: SeededProject;
  let y: SeededProject;
  let gate1: string;

  const facts = (project: SeededProject, period: string, at: string, user = eastLead) =>
    db.as(user, async (em) => (await compliance.facts(em, east.id, period, [project.id], new Date(at)))[0]);
  const passGate = async (project: SeededProject, position: number, decidedAt: string) => {
    const id = randomUUID();
    await db.owner.query(
      `INSERT INTO gate_reviews (id, project_id, tenant_id, org_id, phase_position, phase, gate, approver_role, quorum, state, submitted_by, submitted_at, decided_at)
       VALUES ($1, $2, $3, $4, $5, 'p', 'g', 'PMO_LEAD', 1, 'APPROVED', $6, $7, $7)`,
      [id, project.id, east.id, hub.orgId, position, eastLead.id, decidedAt],
    );
    return id;
  };
  const action = (project: SeededProject, due: string, createdAt: string, doneAt: string | null) =>
    db.owner.query(
      `INSERT INTO corrective_actions (id, project_id, tenant_id, org_id, gate_review_id, description, due_date, state, created_at, done_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [randomUUID(), project.id, east.id, hub.orgId, gate1, `due ${due}`, due, doneAt ? 'DONE' : 'OPEN', createdAt, doneAt],
    );

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    east = await db.spoke(hub, 'East');
    const west = await db.spoke(hub, 'West');
    eastLead = await db.user([[east, Role.PMO_LEAD]]);
    westLead = await db.user([[west, Role.PMO_LEAD]]);
    const cpi = await seed.kpi(hub, 'cpi', { mandatory: true });
    await seed.kpi(hub, 'draft_kpi', { mandatory: true, status: 'DRAFT' });
    await seed.kpi(hub, 'nps');
    // The built-in compliance KPI (created with the hub) is this score: never missing, even if marked mandatory.
    await db.owner.query("UPDATE kpi_definitions SET mandatory = true WHERE org_id = $1 AND key = 'compliance'", [hub.orgId]);
    await seed.kpi(east, 'spi', { mandatory: true });
    await seed.kpi(west, 'west_only', { mandatory: true });

    x = await seed.project(east, { code: 'X', startDate: '2026-01-01', phases: GATES });
    await seed.timeline(x, [
      { at: '2026-01-01T00:00:00Z', state: 'ACTIVE', phase: 'Initiation' },
      { at: '2026-02-10T00:00:00Z', state: 'ACTIVE', phase: 'Planning' },
      { at: '2026-03-15T00:00:00Z', state: 'ACTIVE', phase: 'Delivery' },
    ]);
    gate1 = await passGate(x, 0, '2026-02-09T00:00:00Z');
    await seed.value(x, cpi, '2026-02', 0.9);
    await seed.milestone(x, 'M1 done in time', '2026-02-10', '2026-02-20');
    await seed.milestone(x, 'M2 done in March', '2026-02-27', '2026-03-05');
    await seed.milestone(x, 'M3 open', '2026-03-31');
    await seed.milestone(x, 'M4 done on the first', '2026-02-28', '2026-03-01');
    await action(x, '2026-02-15', '2026-02-01T00:00:00Z', '2026-02-20T00:00:00Z');
    await action(x, '2026-02-16', '2026-02-01T00:00:00Z', '2026-03-10T00:00:00Z');
    await action(x, '2026-01-10', '2026-03-05T00:00:00Z', null);

    // Moved to Planning before its first gate was approved.
    y = await seed.project(east, { code: 'Y', startDate: '2026-01-01', phases: GATES });
    await seed.timeline(y, [
      { at: '2026-01-01T00:00:00Z', state: 'ACTIVE', phase: 'Initiation' },
      { at: '2026-02-10T00:00:00Z', state: 'ACTIVE', phase: 'Planning' },
    ]);
    await passGate(y, 0, '2026-03-05T00:00:00Z');
  });
  afterAll(() => db.close());

  it('names the mandatory published KPIs in force along the path without a value, never the compliance KPI itself', async () => {
    expect((await facts(x, '2026-02', '2026-03-01T00:00:00Z')).mandatoryMissing).toEqual(['spi']);
    expect((await facts(x, '2026-03', '2026-04-01T00:00:00Z')).mandatoryMissing).toEqual(['cpi', 'spi']);
  });

  it('names the milestones LATE on the reference day: due before it and not completed by then', async () => {
    expect((await facts(x, '2026-02', '2026-03-01T00:00:00Z')).lateMilestones).toEqual(['M2 done in March']);
    expect((await facts(x, '2026-03', '2026-04-01T00:00:00Z')).lateMilestones).toEqual(['M3 open']);
    // The current period, mid-March: M3 is not due yet.
    expect((await facts(x, '2026-03', '2026-03-20T10:00:00Z')).lateMilestones).toEqual([]);
  });

  it('names the gates of the phases before the one the project was in, not passed by then', async () => {
    expect(await facts(x, '2026-01', '2026-02-01T00:00:00Z')).toMatchObject({ followsMethodology: true, unpassedGates: [] });
    expect((await facts(x, '2026-02', '2026-03-01T00:00:00Z')).unpassedGates).toEqual([]);
    expect((await facts(x, '2026-03', '2026-04-01T00:00:00Z')).unpassedGates).toEqual(['Gate 2']);
    expect((await facts(y, '2026-02', '2026-03-01T00:00:00Z')).unpassedGates).toEqual(['Gate 1']);
    expect((await facts(y, '2026-03', '2026-04-01T00:00:00Z')).unpassedGates).toEqual([]);
  });

  it('names the actions overdue at the reference instant: created by then, due before the day, not done by then', async () => {
    expect((await facts(x, '2026-02', '2026-03-01T00:00:00Z')).overdueActions).toEqual(['due 2026-02-16']);
    expect((await facts(x, '2026-03', '2026-04-01T00:00:00Z')).overdueActions).toEqual(['due 2026-01-10']);
  });

  it('carries the obligation’s facts, and sees nothing of a sibling’s subtree (RLS bites)', async () => {
    expect(await facts(x, '2026-02', '2026-03-01T00:00:00Z')).toMatchObject({
      projectId: x.id,
      code: 'X',
      dueDay: 5,
      graceDays: null,
      firstSubmittedAt: null,
      waivedAt: null,
    });
    const all = await db.as(eastLead, (em) => compliance.facts(em, east.id, '2026-02', null, new Date('2026-03-01T00:00:00Z')));
    expect(all.map((row) => row.code)).toEqual(['X', 'Y']);
    expect(await db.as(westLead, (em) => compliance.facts(em, east.id, '2026-02', null, new Date('2026-03-01T00:00:00Z')))).toEqual([]);
    expect(await seed.count('corrective_actions', 'project_id = $1', [x.id])).toBe(3);
  });
});

// The decision ledger's statements and policy: append-only for the app role, read page by
// page newest first over a subtree, and the evidence's reads (latest report, its values).
import { randomUUID } from 'node:crypto';
import { ProjectState, Rag, Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { DecisionRepository, NewDecision } from './decision.repository';
import { DecisionKind } from './decision.rules';

describe('DecisionRepository', () => {
  const decisions = new DecisionRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let east: SeededTenant;
  let west: SeededTenant;
  let executive: SeededUser;
  let eastLead: SeededUser;
  let westLead: SeededUser;
  let eastProject: SeededProject;
  let westProject: SeededProject;

  const decision = (project: SeededProject, kind = DecisionKind.HOLD): NewDecision => ({
    id: randomUUID(),
    projectId: project.id,
    tenantId: project.tenant.id,
    orgId: hub.orgId,
    kind,
    rationale: 'Budget overrun',
    decidedBy: executive.id,
    stateBefore: ProjectState.ACTIVE,
    stateAfter: ProjectState.ON_HOLD,
    evidence: { capturedAt: '2026-04-01T10:00:00.000Z', period: '2026-03', overall: Rag.RED, summary: 'Late', compliance: 0.6, kpis: [] },
  });

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    east = await db.spoke(hub, 'East');
    west = await db.spoke(hub, 'West');
    executive = await db.user([[hub, Role.EXECUTIVE]]);
    eastLead = await db.user([[east, Role.PMO_LEAD]]);
    westLead = await db.user([[west, Role.PMO_LEAD]]);
    eastProject = await seed.project(east);
    westProject = await seed.project(west);
  });
  afterAll(() => db.close());

  it('records a decision with its evidence, as it was given', async () => {
    const given = decision(eastProject);
    const recorded = await db.as(executive, (em) => decisions.record(em, given));
    expect(recorded).toEqual({ ...given, decidedAt: expect.any(Date) });
    expect(await db.as(eastLead, (em) => decisions.byProjects(em, [eastProject.id]))).toEqual([
      expect.objectContaining({ id: given.id, evidence: given.evidence }),
    ]);
  });

  it('pages a subtree’s ledger newest first, exactly once through every row, with its count', async () => {
    for (let i = 0; i < 4; i++) await db.as(executive, (em) => decisions.record(em, decision(i % 2 ? westProject : eastProject, DecisionKind.RESCOPE)));
    const seen: string[] = [];
    let after: { key: string; id: string } | null = null;
    for (;;) {
      const rows = await db.as(executive, (em) => decisions.page(em, { tenantId: hub.id, after, limit: 2 }));
      seen.push(...rows.map((row) => row.decision.id));
      if (rows.length < 2) break;
      const last = rows[rows.length - 1];
      after = { key: last.sortKey, id: last.decision.id };
    }
    const all = await db.owner.query('SELECT id FROM portfolio_decisions ORDER BY decided_at DESC, id DESC');
    expect(seen).toEqual(all.map((row: { id: string }) => row.id));
    expect(await db.as(executive, (em) => decisions.count(em, hub.id))).toBe(5);
    expect(await db.as(eastLead, (em) => decisions.count(em, east.id))).toBe(3);
  });

  it('is append-only for the app role: no change, no removal', async () => {
    await expect(db.as(executive, (em) => em.query(`UPDATE portfolio_decisions SET rationale = 'forged'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(executive, (em) => em.query(`UPDATE portfolio_decisions SET evidence = '{}'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(executive, (em) => em.query('DELETE FROM portfolio_decisions'))).rejects.toMatchObject({ code: '42501' });
  });

  it('shows a sibling none of the other branch’s decisions and refuses its records there (RLS bites)', async () => {
    expect(await db.as(westLead, (em) => decisions.byProjects(em, [eastProject.id]))).toEqual([]);
    expect(await db.as(westLead, (em) => decisions.count(em, east.id))).toBe(0);
    await expect(db.as(westLead, (em) => decisions.record(em, decision(eastProject)))).rejects.toMatchObject({ code: '42501' });
    expect(await seed.count('portfolio_decisions', 'project_id = $1', [eastProject.id])).toBe(3);
  });

  it('reads the latest status report and its period’s values with their RAG', async () => {
    expect(await db.as(eastLead, (em) => decisions.latestReport(em, eastProject.id))).toBeNull();
    await seed.report(eastProject, '2026-02', '2026-03-01T00:00:00Z', { overall: 'AMBER', summary: 'Slipping' });
    await seed.report(eastProject, '2026-03', '2026-04-01T00:00:00Z', { overall: 'RED', summary: 'Late' });
    expect(await db.as(eastLead, (em) => decisions.latestReport(em, eastProject.id))).toEqual({ period: '2026-03', overall: 'RED', summary: 'Late' });
    const cpi = await seed.kpi(hub, 'cpi', { green: 1, amber: 0.9 });
    const spi = await seed.kpi(east, 'spi');
    await seed.value(eastProject, cpi, '2026-03', 0.95);
    await seed.value(eastProject, spi, '2026-03', 1.2);
    await seed.value(eastProject, cpi, '2026-02', 1.1);
    expect(await db.as(eastLead, (em) => decisions.periodValues(em, eastProject.id, '2026-03'))).toEqual([
      { kpiKey: 'cpi', period: '2026-03', value: 0.95, rag: 'AMBER' },
      { kpiKey: 'spi', period: '2026-03', value: 1.2, rag: null },
    ]);
    expect(await db.as(westLead, (em) => decisions.periodValues(em, eastProject.id, '2026-03'))).toEqual([]);
  });
});

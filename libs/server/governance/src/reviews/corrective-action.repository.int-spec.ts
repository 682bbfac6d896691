// Corrective actions' statements and policies: from findings and gate conditions alike, a
// subtree's list (overdue ones by the day), state changes, and the review team's access to
// its own review's actions only.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { CorrectiveActionRepository, NewAction } from './corrective-action.repository';
import { ActionState } from './review.rules';

describe('CorrectiveActionRepository', () => {
  const actions = new CorrectiveActionRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let east: SeededTenant;
  let eastLead: SeededUser;
  let peerLead: SeededUser;
  let westLead: SeededUser;
  let project: SeededProject;
  let reviewId: string;
  let findingId: string;
  let gateReviewId: string;

  const action = (overrides: Partial<NewAction>): NewAction => ({
    id: randomUUID(),
    projectId: project.id,
    tenantId: east.id,
    orgId: hub.orgId,
    reviewId,
    findingId,
    gateReviewId: null,
    description: 'Write the risk log',
    ownerId: eastLead.id,
    dueDate: '2026-03-31',
    createdBy: peerLead.id,
    ...overrides,
  });

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    east = await db.spoke(hub, 'East');
    const west = await db.spoke(hub, 'West');
    eastLead = await db.user([[east, Role.PMO_LEAD]]);
    peerLead = await db.user([[west, Role.PMO_LEAD]]);
    westLead = await db.user([[west, Role.ORG_ADMIN]]);
    project = await seed.project(east);
    reviewId = await seed.review(project, peerLead.id);
    findingId = randomUUID();
    await db.owner.query(
      `INSERT INTO review_findings (id, review_id, project_id, tenant_id, org_id, severity, title) VALUES ($1, $2, $3, $4, $5, 'HIGH', 'No risk log')`,
      [findingId, reviewId, project.id, east.id, hub.orgId],
    );
    gateReviewId = randomUUID();
    await db.owner.query(
      `INSERT INTO gate_reviews (id, project_id, tenant_id, org_id, phase_position, phase, gate, approver_role, quorum, state, submitted_by, decided_at)
       VALUES ($1, $2, $3, $4, 0, 'Initiation', 'Gate 1', 'PMO_LEAD', 1, 'APPROVED_WITH_CONDITIONS', $5, now())`,
      [gateReviewId, project.id, east.id, hub.orgId, eastLead.id],
    );
  });
  afterAll(() => db.close());

  it('adds a finding’s actions as the review’s team, and a gate’s conditions as the project’s reader', async () => {
    const fromFinding = action({ dueDate: '2026-02-28' });
    await db.as(peerLead, (em) => actions.add(em, [fromFinding]));
    const fromGate = action({ reviewId: null, findingId: null, gateReviewId, description: 'Re-baseline the plan', createdBy: eastLead.id });
    await db.as(eastLead, (em) => actions.add(em, [fromGate]));
    expect((await db.as(peerLead, (em) => actions.byFindings(em, [findingId]))).map((a) => a.id)).toEqual([fromFinding.id]);
    expect((await db.as(eastLead, (em) => actions.byIds(em, [fromFinding.id, fromGate.id]))).map((a) => a.state)).toEqual([ActionState.OPEN, ActionState.OPEN]);
    // The team sees its review's actions only, not the project's gate conditions.
    expect(await db.as(peerLead, (em) => actions.byIds(em, [fromGate.id]))).toEqual([]);
    // An action comes from exactly one of a finding and a gate review.
    await expect(db.as(eastLead, (em) => actions.add(em, [action({ gateReviewId })]))).rejects.toMatchObject({ code: '23514' });
  });

  it('lists a subtree’s actions by due date, and the overdue ones as of a day', async () => {
    expect((await db.as(eastLead, (em) => actions.inSubtree(em, hub.id, null))).map((a) => a.dueDate)).toEqual(['2026-02-28', '2026-03-31']);
    expect((await db.as(eastLead, (em) => actions.inSubtree(em, east.id, '2026-03-01'))).map((a) => a.dueDate)).toEqual(['2026-02-28']);
    expect(await db.as(eastLead, (em) => actions.inSubtree(em, east.id, '2026-02-28'))).toEqual([]);
  });

  it('marks an action DONE then VERIFIED, with who and when', async () => {
    const [first] = await db.as(peerLead, (em) => actions.byFindings(em, [findingId]));
    await db.as(eastLead, async (em) => {
      expect(await actions.lock(em, first.id)).toMatchObject({ id: first.id });
      await actions.change(em, first.id, { state: ActionState.DONE, doneBy: eastLead.id });
    });
    await db.as(peerLead, (em) => actions.change(em, first.id, { state: ActionState.VERIFIED, verifiedBy: peerLead.id }));
    const [read] = await db.as(eastLead, (em) => actions.byIds(em, [first.id]));
    expect(read).toMatchObject({
      state: ActionState.VERIFIED,
      doneBy: eastLead.id,
      doneAt: expect.any(Date),
      verifiedBy: peerLead.id,
      verifiedAt: expect.any(Date),
    });
    // Overdue no more once done.
    expect(await db.as(eastLead, (em) => actions.inSubtree(em, east.id, '2026-03-01'))).toEqual([]);
  });

  it('shows nothing to a sibling off the team, refuses its writes, and lets nobody change an action’s terms (RLS bites)', async () => {
    expect(await db.as(westLead, (em) => actions.inSubtree(em, hub.id, null))).toEqual([]);
    await expect(db.as(westLead, (em) => actions.add(em, [action({})]))).rejects.toMatchObject({ code: '42501' });
    expect(await seed.count('corrective_actions', 'project_id = $1', [project.id])).toBe(2);
    await expect(db.as(eastLead, (em) => em.query(`UPDATE corrective_actions SET due_date = '2030-01-01'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query('DELETE FROM corrective_actions'))).rejects.toMatchObject({ code: '42501' });
  });

  it('takes the team’s access away once the review is closed', async () => {
    await db.owner.query(`UPDATE project_reviews SET state = 'CLOSED', closed_at = now() WHERE id = $1`, [reviewId]);
    expect(await db.as(peerLead, (em) => actions.byFindings(em, [findingId]))).toEqual([]);
    await expect(db.as(peerLead, (em) => actions.add(em, [action({})]))).rejects.toMatchObject({ code: '42501' });
  });
});

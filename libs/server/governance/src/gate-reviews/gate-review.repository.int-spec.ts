// Gate reviews' statements and their tables' policies: one open review per gate, votes
// and criteria append-only, only state and decision time changeable, and nothing of
// them visible beside or outside the project's subtree.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { NewCriterion, NewGateReview } from './gate-review.repository';
import { GateReviewRepository } from './gate-review.repository';
import { CriterionStatus, GateDecision, GateReviewState } from './gate-review.rules';

describe('GateReviewRepository', () => {
  const reviews = new GateReviewRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let east: SeededTenant;
  let eastLead: SeededUser;
  let voter: SeededUser;
  let westLead: SeededUser;
  let stranger: SeededUser;
  let project: SeededProject;

  const submission = (overrides: Partial<NewGateReview> = {}): NewGateReview => ({
    id: randomUUID(),
    projectId: project.id,
    tenantId: east.id,
    orgId: hub.orgId,
    phasePosition: 0,
    phase: 'Initiation',
    gate: 'Gate 1',
    approverRole: Role.PMO_LEAD,
    quorum: 2,
    submittedBy: eastLead.id,
    ...overrides,
  });
  const criterion = (reviewId: string, position: number, name: string): NewCriterion => ({
    reviewId,
    position,
    tenantId: east.id,
    orgId: hub.orgId,
    criterion: name,
    status: CriterionStatus.MET,
    evidence: `${name}.pdf`,
    comment: null,
  });

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    east = await db.spoke(hub, 'East');
    const west = await db.spoke(hub, 'West');
    eastLead = await db.user([[east, Role.PMO_LEAD]]);
    voter = await db.user([[hub, Role.PMO_LEAD]]);
    westLead = await db.user([[west, Role.PMO_LEAD]]);
    stranger = await db.user([[await db.hub('Other'), Role.ORG_ADMIN]]);
    project = await seed.project(east, {
      phases: [{ name: 'Initiation', gate: { name: 'Gate 1', deliverables: ['Charter', 'Plan'], approverRole: 'PMO_LEAD' } }, { name: 'Delivery' }],
    });
  });
  afterAll(() => db.close());

  it('submits a review with its criteria, read back in order, and locks it', async () => {
    const review = submission();
    await db.as(eastLead, (em) => reviews.submit(em, review, [criterion(review.id, 1, 'Plan'), criterion(review.id, 0, 'Charter')]));
    const [read] = await db.as(eastLead, (em) => reviews.byIds(em, [review.id]));
    expect(read).toMatchObject({ ...review, state: GateReviewState.SUBMITTED, decidedAt: null, submittedAt: expect.any(Date) });
    expect(await db.as(eastLead, (em) => reviews.lock(em, review.id))).toMatchObject({ id: review.id });
    expect((await db.as(voter, (em) => reviews.criteria(em, [review.id]))).map((c) => [c.position, c.criterion, c.evidence])).toEqual([
      [0, 'Charter', 'Charter.pdf'],
      [1, 'Plan', 'Plan.pdf'],
    ]);
  });

  it('keeps one open review per gate: a second is a unique violation named by the index', async () => {
    await expect(db.as(eastLead, (em) => reviews.submit(em, submission(), []))).rejects.toMatchObject({ code: '23505', constraint: 'gate_reviews_open' });
    // Another gate of the same project may have its own.
    await db.as(eastLead, (em) => reviews.submit(em, submission({ phasePosition: 1, phase: 'Delivery', gate: 'Gate 2' }), []));
    expect(await db.as(eastLead, (em) => reviews.openOrPassed(em, project.id, 0))).toHaveLength(1);
  });

  it('records votes with their conditions, decides, and then counts as passed for its gate', async () => {
    const [open] = await db.as(eastLead, (em) => reviews.openOrPassed(em, project.id, 0));
    const conditions = [{ description: 'Fix the risk log', ownerId: eastLead.id, dueDate: '2026-05-01' }];
    await db.as(voter, (em) =>
      reviews.addVote(em, {
        reviewId: open.id,
        voterId: voter.id,
        tenantId: east.id,
        orgId: hub.orgId,
        decision: GateDecision.APPROVE_WITH_CONDITIONS,
        comment: 'Fine',
        conditions,
      }),
    );
    expect(await db.as(eastLead, (em) => reviews.votes(em, [open.id]))).toEqual([
      expect.objectContaining({ voterId: voter.id, decision: GateDecision.APPROVE_WITH_CONDITIONS, comment: 'Fine', conditions, at: expect.any(Date) }),
    ]);
    await expect(
      db.as(voter, (em) =>
        reviews.addVote(em, {
          reviewId: open.id,
          voterId: voter.id,
          tenantId: east.id,
          orgId: hub.orgId,
          decision: GateDecision.REJECT,
          comment: null,
          conditions: [],
        }),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await db.as(voter, (em) => reviews.decide(em, open.id, GateReviewState.APPROVED_WITH_CONDITIONS));
    const [decided] = await db.as(eastLead, (em) => reviews.byIds(em, [open.id]));
    expect(decided).toMatchObject({ state: GateReviewState.APPROVED_WITH_CONDITIONS, decidedAt: expect.any(Date) });
    expect(await db.as(eastLead, (em) => reviews.openOrPassed(em, project.id, 0))).toEqual([expect.objectContaining({ id: open.id })]);
    expect((await db.as(eastLead, (em) => reviews.byProjects(em, [project.id]))).map((r) => r.gate)).toEqual(['Gate 1', 'Gate 2']);
  });

  it('lets the app change a review’s state and decision time only, and never a vote or a criterion', async () => {
    await expect(db.as(eastLead, (em) => em.query(`UPDATE gate_reviews SET quorum = 1`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query(`UPDATE gate_review_votes SET decision = 'APPROVE'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query(`DELETE FROM gate_review_criteria`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query(`DELETE FROM gate_reviews`))).rejects.toMatchObject({ code: '42501' });
  });

  it('shows nothing to a sibling branch or another organization, and refuses their writes (RLS bites)', async () => {
    for (const outsider of [westLead, stranger]) {
      expect(await db.as(outsider, (em) => reviews.byProjects(em, [project.id]))).toEqual([]);
      expect(await db.as(outsider, (em) => em.query('SELECT 1 FROM gate_review_criteria UNION ALL SELECT 1 FROM gate_review_votes'))).toEqual([]);
    }
    await expect(db.as(westLead, (em) => reviews.submit(em, submission({ phasePosition: 2 }), []))).rejects.toMatchObject({ code: '42501' });
    expect(await seed.count('gate_reviews', 'project_id = $1', [project.id])).toBe(2);
    expect(await seed.count('gate_review_votes')).toBe(1);
  });
});

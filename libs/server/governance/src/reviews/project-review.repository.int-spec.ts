// Reviews' statements and policies: the project's readers see its reviews; a review's team
// (here a peer review's, from a sibling branch) reads and works on that review alone,
// closes it, and from then on sees nothing of it.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { NewFinding, NewReview, ProjectReviewRepository } from './project-review.repository';
import { FindingSeverity, ReviewKind, ReviewState } from './review.rules';

describe('ProjectReviewRepository', () => {
  const reviews = new ProjectReviewRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let east: SeededTenant;
  let eastLead: SeededUser;
  let peerLead: SeededUser;
  let peer: SeededUser;
  let bystander: SeededUser;
  let stranger: SeededUser;
  let project: SeededProject;
  let review: NewReview;

  const finding = (reviewId: string, overrides: Partial<NewFinding> = {}): NewFinding => ({
    id: randomUUID(),
    reviewId,
    projectId: project.id,
    tenantId: east.id,
    orgId: hub.orgId,
    severity: FindingSeverity.HIGH,
    title: 'No risk log',
    description: null,
    createdBy: peer.id,
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
    peer = await db.user([[west, Role.PROJECT_MANAGER]]);
    bystander = await db.user([[west, Role.ORG_ADMIN]]);
    stranger = await db.user([[await db.hub('Other'), Role.ORG_ADMIN]]);
    project = await seed.project(east);
    review = {
      id: randomUUID(),
      projectId: project.id,
      tenantId: east.id,
      orgId: hub.orgId,
      kind: ReviewKind.PEER_REVIEW,
      leadId: peerLead.id,
      plannedFor: '2026-03-10',
      plannedBy: eastLead.id,
    };
    await db.as(eastLead, (em) => reviews.plan(em, review, [peer.id]));
  });
  afterAll(() => db.close());

  it('plans a review with its reviewers, read back by the project’s readers', async () => {
    const [read] = await db.as(eastLead, (em) => reviews.byIds(em, [review.id]));
    expect(read).toMatchObject({ ...review, state: ReviewState.PLANNED, closedAt: null, createdAt: expect.any(Date) });
    expect((await db.as(eastLead, (em) => reviews.reviewers(em, [review.id]))).map((r) => r.userId)).toEqual([peer.id]);
    expect((await db.as(eastLead, (em) => reviews.inSubtree(em, hub.id))).map((r) => r.id)).toEqual([review.id]);
  });

  it('lets the team read the review and record findings, which the project’s readers see too', async () => {
    for (const member of [peerLead, peer]) {
      expect((await db.as(member, (em) => reviews.ofCaller(em))).map((r) => r.id)).toEqual([review.id]);
      expect(await db.as(member, (em) => reviews.lock(em, review.id))).toMatchObject({ id: review.id });
      expect((await db.as(member, (em) => reviews.reviewers(em, [review.id]))).map((r) => r.userId)).toEqual([peer.id]);
    }
    const added = await db.as(peer, (em) => reviews.addFinding(em, finding(review.id)));
    expect(added).toMatchObject({ title: 'No risk log', createdAt: expect.any(Date) });
    expect(await db.as(peerLead, (em) => reviews.finding(em, added.id))).toMatchObject({ id: added.id });
    expect((await db.as(eastLead, (em) => reviews.findings(em, [review.id]))).map((f) => f.id)).toEqual([added.id]);
    await db.as(peer, (em) => reviews.start(em, review.id));
    expect((await db.as(eastLead, (em) => reviews.byIds(em, [review.id])))[0].state).toBe(ReviewState.IN_PROGRESS);
  });

  it('shows the team this review only: not the tenant’s other reviews, nor its subtree', async () => {
    const other = { ...review, id: randomUUID(), leadId: eastLead.id, kind: ReviewKind.HEALTH_CHECK };
    await db.as(eastLead, (em) => reviews.plan(em, other, []));
    expect(await db.as(peer, (em) => reviews.byIds(em, [other.id]))).toEqual([]);
    await expect(db.as(peer, (em) => reviews.addFinding(em, finding(other.id)))).rejects.toMatchObject({ code: '42501' });
    expect(await db.as(peer, (em) => reviews.inSubtree(em, east.id))).toEqual([expect.objectContaining({ id: review.id })]);
  });

  it('shows nothing to someone off the team, in the team’s branch or another organization (RLS bites)', async () => {
    // The project's own readers are not on the peer review's team (the health check is the one they lead).
    expect((await db.as(eastLead, (em) => reviews.ofCaller(em))).map((r) => r.kind)).toEqual([ReviewKind.HEALTH_CHECK]);
    for (const outsider of [bystander, stranger]) {
      expect(await db.as(outsider, (em) => reviews.ofCaller(em))).toEqual([]);
      expect(await db.as(outsider, (em) => reviews.byIds(em, [review.id]))).toEqual([]);
      expect(await db.as(outsider, (em) => reviews.findings(em, [review.id]))).toEqual([]);
      expect(await db.as(outsider, (em) => reviews.reviewers(em, [review.id]))).toEqual([]);
      await expect(db.as(outsider, (em) => reviews.addFinding(em, finding(review.id)))).rejects.toMatchObject({ code: '42501' });
    }
    await db.as(bystander, (em) => reviews.close(em, review.id, new Date()));
    expect(await seed.count('project_reviews', `id = $1 AND state = 'IN_PROGRESS'`, [review.id])).toBe(1);
  });

  it('lets the lead close the review, after which the team sees nothing of it', async () => {
    await db.as(peerLead, (em) => reviews.close(em, review.id, new Date('2026-03-20T10:00:00Z')));
    const [closed] = await db.as(eastLead, (em) => reviews.byIds(em, [review.id]));
    expect(closed).toMatchObject({ state: ReviewState.CLOSED, closedAt: new Date('2026-03-20T10:00:00Z') });
    expect(await db.as(peerLead, (em) => reviews.byIds(em, [review.id]))).toEqual([]);
    expect(await db.as(peerLead, (em) => reviews.ofCaller(em))).toEqual([]);
    expect(await db.as(peer, (em) => reviews.findings(em, [review.id]))).toEqual([]);
    await expect(db.as(peer, (em) => reviews.addFinding(em, finding(review.id)))).rejects.toMatchObject({ code: '42501' });
  });

  it('lets the app change a review’s state and closing time only, and never a finding or the team', async () => {
    await expect(db.as(eastLead, (em) => em.query(`UPDATE project_reviews SET lead_id = $1`, [eastLead.id]))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query(`UPDATE review_findings SET severity = 'LOW'`))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(eastLead, (em) => em.query(`DELETE FROM project_review_reviewers`))).rejects.toMatchObject({ code: '42501' });
  });
});

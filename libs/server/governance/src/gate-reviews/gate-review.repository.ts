// Statements of gate reviews: a submission with its criteria, votes, the decision, and
// the reads a project's reviews and their details need (batched by id).
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql } from '@pmo/core';
import { Role } from '@pmo/shared';
import { CriterionStatus, GateDecision, GateReviewState } from './gate-review.rules';
import { GateReviewCriterionEntity } from './gate-review-criterion.entity';
import { GateReviewVoteEntity } from './gate-review-vote.entity';
import { GateReviewEntity } from './gate-review.entity';

export type NewGateReview = Omit<GateReviewEntity, 'state' | 'submittedAt' | 'decidedAt'>;
export type NewCriterion = GateReviewCriterionEntity;
export type NewVote = Omit<GateReviewVoteEntity, 'at'>;

const review: NewGateReview = {
  id: DummyValue.UUID,
  projectId: DummyValue.UUID,
  tenantId: DummyValue.UUID,
  orgId: DummyValue.UUID,
  phasePosition: 0,
  phase: 'Initiation',
  gate: 'Gate 1',
  approverRole: Role.PMO_LEAD,
  quorum: 1,
  submittedBy: DummyValue.UUID_2,
};
const criterion: NewCriterion = {
  reviewId: DummyValue.UUID,
  position: 0,
  tenantId: DummyValue.UUID,
  orgId: DummyValue.UUID,
  criterion: 'Charter',
  status: CriterionStatus.MET,
  evidence: DummyValue.TEXT,
  comment: null,
};

@Injectable()
export class GateReviewRepository {
  @GenerateSql({ params: [review, [criterion]] })
  async submit(em: EntityManager, submission: NewGateReview, criteria: readonly NewCriterion[]): Promise<void> {
    await em.createQueryBuilder().insert().into(GateReviewEntity).values(submission).updateEntity(false).execute();
    if (criteria.length)
      await em
        .createQueryBuilder()
        .insert()
        .into(GateReviewCriterionEntity)
        .values([...criteria])
        .updateEntity(false)
        .execute();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byIds(em: EntityManager, ids: readonly string[]): Promise<GateReviewEntity[]> {
    return em.find(GateReviewEntity, { where: { id: In([...ids]) } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  lock(em: EntityManager, id: string): Promise<GateReviewEntity | null> {
    return em.createQueryBuilder(GateReviewEntity, 'g').where('g.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** A project's reviews, oldest first. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byProjects(em: EntityManager, projectIds: readonly string[]): Promise<GateReviewEntity[]> {
    return em.find(GateReviewEntity, { where: { projectId: In([...projectIds]) }, order: { submittedAt: 'ASC', id: 'ASC' } });
  }

  /** The reviews of one gate of a project that are open or passed it. */
  @GenerateSql({ params: [DummyValue.UUID, 0] })
  openOrPassed(em: EntityManager, projectId: string, phasePosition: number): Promise<GateReviewEntity[]> {
    return em.find(GateReviewEntity, {
      where: {
        projectId,
        phasePosition,
        state: In([GateReviewState.SUBMITTED, GateReviewState.APPROVED, GateReviewState.APPROVED_WITH_CONDITIONS]),
      },
    });
  }

  /** The positions of the phases whose gate a review approved (with or without conditions). */
  @GenerateSql({ params: [DummyValue.UUID] })
  async passedPositions(em: EntityManager, projectId: string): Promise<Set<number>> {
    const passed = await em.find(GateReviewEntity, {
      select: { phasePosition: true },
      where: { projectId, state: In([GateReviewState.APPROVED, GateReviewState.APPROVED_WITH_CONDITIONS]) },
    });
    return new Set(passed.map((review) => review.phasePosition));
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  criteria(em: EntityManager, reviewIds: readonly string[]): Promise<GateReviewCriterionEntity[]> {
    return em.find(GateReviewCriterionEntity, { where: { reviewId: In([...reviewIds]) }, order: { reviewId: 'ASC', position: 'ASC' } });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  votes(em: EntityManager, reviewIds: readonly string[]): Promise<GateReviewVoteEntity[]> {
    return em.find(GateReviewVoteEntity, { where: { reviewId: In([...reviewIds]) }, order: { at: 'ASC', voterId: 'ASC' } });
  }

  @GenerateSql({
    params: [
      {
        reviewId: DummyValue.UUID,
        voterId: DummyValue.UUID_2,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        decision: GateDecision.APPROVE_WITH_CONDITIONS,
        comment: null,
        conditions: [{ description: DummyValue.TEXT, ownerId: null, dueDate: DummyValue.DATE }],
      },
    ],
  })
  async addVote(em: EntityManager, vote: NewVote): Promise<void> {
    await em.createQueryBuilder().insert().into(GateReviewVoteEntity).values(vote).updateEntity(false).execute();
  }

  @GenerateSql({ params: [DummyValue.UUID, GateReviewState.APPROVED] })
  async decide(em: EntityManager, id: string, state: GateReviewState): Promise<void> {
    await em
      .createQueryBuilder()
      .update(GateReviewEntity)
      .set({ state, decidedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }
}

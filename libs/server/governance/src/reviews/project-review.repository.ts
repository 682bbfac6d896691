// Statements of audits, health checks and peer reviews: planning with the team, findings,
// state changes, and the reads lists and their details need (batched by id).
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql } from '@pmo/core';
import { FindingSeverity, ReviewKind, ReviewState } from './review.rules';
import { ProjectReviewReviewerEntity } from './project-review-reviewer.entity';
import { ProjectReviewEntity } from './project-review.entity';
import { ReviewFindingEntity } from './review-finding.entity';

export type NewReview = Omit<ProjectReviewEntity, 'state' | 'createdAt' | 'closedAt'>;
export type NewFinding = Omit<ReviewFindingEntity, 'createdAt'>;

const review: NewReview = {
  id: DummyValue.UUID,
  projectId: DummyValue.UUID,
  tenantId: DummyValue.UUID,
  orgId: DummyValue.UUID,
  kind: ReviewKind.PEER_REVIEW,
  leadId: DummyValue.UUID_2,
  plannedFor: DummyValue.DATE,
  plannedBy: DummyValue.UUID,
};

@Injectable()
export class ProjectReviewRepository {
  @GenerateSql({ params: [review, [DummyValue.UUID]] })
  async plan(em: EntityManager, planned: NewReview, reviewerIds: readonly string[]): Promise<void> {
    await em.createQueryBuilder().insert().into(ProjectReviewEntity).values(planned).updateEntity(false).execute();
    if (reviewerIds.length) {
      const rows = reviewerIds.map((userId) => ({ reviewId: planned.id, userId, tenantId: planned.tenantId, orgId: planned.orgId }));
      await em.createQueryBuilder().insert().into(ProjectReviewReviewerEntity).values(rows).updateEntity(false).execute();
    }
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byIds(em: EntityManager, ids: readonly string[]): Promise<ProjectReviewEntity[]> {
    return em.find(ProjectReviewEntity, { where: { id: In([...ids]) } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  lock(em: EntityManager, id: string): Promise<ProjectReviewEntity | null> {
    return em.createQueryBuilder(ProjectReviewEntity, 'r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** The reviews of a tenant's whole subtree, by planned day. */
  @GenerateSql({ params: [DummyValue.UUID] })
  inSubtree(em: EntityManager, tenantId: string): Promise<ProjectReviewEntity[]> {
    return em
      .createQueryBuilder(ProjectReviewEntity, 'r')
      .where('r.tenantId IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[CAST(:tenantId AS uuid)])', { tenantId })
      .orderBy('r.plannedFor', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /** The open reviews the caller leads or staffs, wherever they sit: the review-team policy's set. */
  @GenerateSql()
  ofCaller(em: EntityManager): Promise<ProjectReviewEntity[]> {
    return em
      .createQueryBuilder(ProjectReviewEntity, 'r')
      .where('r.id = ANY (pmo_review_team_reviews())')
      .orderBy('r.plannedFor', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  reviewers(em: EntityManager, reviewIds: readonly string[]): Promise<ProjectReviewReviewerEntity[]> {
    return em.find(ProjectReviewReviewerEntity, { where: { reviewId: In([...reviewIds]) }, order: { reviewId: 'ASC', userId: 'ASC' } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async start(em: EntityManager, id: string): Promise<void> {
    await em.createQueryBuilder().update(ProjectReviewEntity).set({ state: ReviewState.IN_PROGRESS }).where('id = :id', { id }).execute();
  }

  /** Closes the review at `closedAt`; a team from another branch sees nothing of it from the next statement on. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.TIMESTAMP] })
  async close(em: EntityManager, id: string, closedAt: Date): Promise<void> {
    await em.createQueryBuilder().update(ProjectReviewEntity).set({ state: ReviewState.CLOSED, closedAt }).where('id = :id', { id }).execute();
  }

  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        reviewId: DummyValue.UUID,
        projectId: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        severity: FindingSeverity.HIGH,
        title: DummyValue.TEXT,
        description: null,
        createdBy: DummyValue.UUID_2,
      },
    ],
  })
  async addFinding(em: EntityManager, finding: NewFinding): Promise<ReviewFindingEntity> {
    const [row]: Array<{ created_at: Date }> = (
      await em.createQueryBuilder().insert().into(ReviewFindingEntity).values(finding).returning('created_at').updateEntity(false).execute()
    ).raw;
    return { ...finding, createdAt: row.created_at };
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  finding(em: EntityManager, id: string): Promise<ReviewFindingEntity | null> {
    return em.findOne(ReviewFindingEntity, { where: { id } });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  findings(em: EntityManager, reviewIds: readonly string[]): Promise<ReviewFindingEntity[]> {
    return em.find(ReviewFindingEntity, { where: { reviewId: In([...reviewIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}

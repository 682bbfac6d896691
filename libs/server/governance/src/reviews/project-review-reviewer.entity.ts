import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { ProjectReviewEntity } from './project-review.entity';

/** A reviewer on a review's team (its lead is the review's). */
@Entity('project_review_reviewers')
export class ProjectReviewReviewerEntity {
  @ForeignKey(() => ProjectReviewEntity, { name: 'project_review_reviewers_review_id_fkey' })
  @PrimaryColumn('uuid', { name: 'review_id' })
  reviewId: string;
  @Index('project_review_reviewers_user')
  @ForeignKey(() => UserEntity, { name: 'project_review_reviewers_user_id_fkey' })
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;
  @Index('project_review_reviewers_tenant')
  @ForeignKey(() => TenantEntity, { name: 'project_review_reviewers_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
}

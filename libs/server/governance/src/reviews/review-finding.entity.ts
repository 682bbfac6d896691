import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { FindingSeverity } from './review.rules';
import { ProjectReviewEntity } from './project-review.entity';

/** What a review found. */
@Entity('review_findings')
@Check('review_findings_description_check', 'length(description) >= 1 AND length(description) <= 10000')
@Check('review_findings_severity_check', `severity = ANY (ARRAY['LOW'::text, 'MEDIUM'::text, 'HIGH'::text, 'CRITICAL'::text])`)
@Check('review_findings_title_check', 'length(title) >= 1 AND length(title) <= 200')
@Index('review_findings_review', ['reviewId', 'createdAt'])
export class ReviewFindingEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey(() => ProjectReviewEntity, { name: 'review_findings_review_id_fkey' })
  @Column('uuid', { name: 'review_id' })
  reviewId: string;
  @Index('review_findings_project')
  @ForeignKey('projects', { name: 'review_findings_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('review_findings_tenant')
  @ForeignKey(() => TenantEntity, { name: 'review_findings_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') severity: FindingSeverity;
  @Column('text') title: string;
  @Column('text', { nullable: true }) description: string | null;
  @ForeignKey(() => UserEntity, { name: 'review_findings_created_by_fkey' })
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

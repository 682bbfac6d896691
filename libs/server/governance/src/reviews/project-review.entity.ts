import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { ReviewKind, ReviewState } from './review.rules';

/** An audit, health check or peer review of one project. */
@Entity('project_reviews')
@Check('project_reviews_check', `(state = 'CLOSED'::text) = (closed_at IS NOT NULL)`)
@Check('project_reviews_kind_check', `kind = ANY (ARRAY['AUDIT'::text, 'HEALTH_CHECK'::text, 'PEER_REVIEW'::text])`)
@Check('project_reviews_state_check', `state = ANY (ARRAY['PLANNED'::text, 'IN_PROGRESS'::text, 'CLOSED'::text])`)
export class ProjectReviewEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('project_reviews_project')
  @ForeignKey('projects', { name: 'project_reviews_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('project_reviews_tenant')
  @ForeignKey(() => TenantEntity, { name: 'project_reviews_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') kind: ReviewKind;
  /** PLANNED until its first finding (it reads IN_PROGRESS from its planned day on), then IN_PROGRESS, CLOSED. */
  @Column('text', { default: ReviewState.PLANNED }) state: ReviewState;
  /** lead_id WHERE state <> 'CLOSED': partial, the migration's to declare. */
  @Index('project_reviews_open_lead', { synchronize: false } as IndexOptions)
  @ForeignKey(() => UserEntity, { name: 'project_reviews_lead_id_fkey' })
  @Column('uuid', { name: 'lead_id' })
  leadId: string;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'planned_for' }) plannedFor: string;
  @ForeignKey(() => UserEntity, { name: 'project_reviews_planned_by_fkey' })
  @Column('uuid', { name: 'planned_by', nullable: true })
  plannedBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}

import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { GateReviewEntity } from '../gate-reviews/gate-review.entity';
import { ActionState } from './review.rules';
import { ProjectReviewEntity } from './project-review.entity';
import { ReviewFindingEntity } from './review-finding.entity';

/** What a finding or a gate review's conditions require, by a due date; OPEN, then DONE, then VERIFIED. */
@Entity('corrective_actions')
@Check('corrective_actions_check', 'num_nonnulls(finding_id, gate_review_id) = 1')
@Check('corrective_actions_check1', '(finding_id IS NULL) = (review_id IS NULL)')
@Check('corrective_actions_check2', `(state = 'OPEN'::text) = (done_at IS NULL)`)
@Check('corrective_actions_check3', `(state = 'VERIFIED'::text) = (verified_at IS NOT NULL)`)
@Check('corrective_actions_description_check', 'length(description) >= 1 AND length(description) <= 2000')
@Check('corrective_actions_state_check', `state = ANY (ARRAY['OPEN'::text, 'DONE'::text, 'VERIFIED'::text])`)
@Index('corrective_actions_tenant', ['tenantId', 'dueDate'])
export class CorrectiveActionEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('corrective_actions_project')
  @ForeignKey('projects', { name: 'corrective_actions_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @ForeignKey(() => TenantEntity, { name: 'corrective_actions_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** The review of the finding; null for a gate condition. */
  @ForeignKey(() => ProjectReviewEntity, { name: 'corrective_actions_review_id_fkey' })
  @Column('uuid', { name: 'review_id', nullable: true })
  reviewId: string | null;
  @Index('corrective_actions_finding')
  @ForeignKey(() => ReviewFindingEntity, { name: 'corrective_actions_finding_id_fkey' })
  @Column('uuid', { name: 'finding_id', nullable: true })
  findingId: string | null;
  @Index('corrective_actions_gate_review')
  @ForeignKey(() => GateReviewEntity, { name: 'corrective_actions_gate_review_id_fkey' })
  @Column('uuid', { name: 'gate_review_id', nullable: true })
  gateReviewId: string | null;
  @Column('text') description: string;
  @ForeignKey(() => UserEntity, { name: 'corrective_actions_owner_id_fkey' })
  @Column('uuid', { name: 'owner_id', nullable: true })
  ownerId: string | null;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'due_date' }) dueDate: string;
  @Column('text', { default: ActionState.OPEN }) state: ActionState;
  @ForeignKey(() => UserEntity, { name: 'corrective_actions_created_by_fkey' })
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt: Date | null;
  @ForeignKey(() => UserEntity, { name: 'corrective_actions_done_by_fkey' })
  @Column('uuid', { name: 'done_by', nullable: true })
  doneBy: string | null;
  @Column('timestamptz', { name: 'verified_at', nullable: true }) verifiedAt: Date | null;
  @ForeignKey(() => UserEntity, { name: 'corrective_actions_verified_by_fkey' })
  @Column('uuid', { name: 'verified_by', nullable: true })
  verifiedBy: string | null;
}

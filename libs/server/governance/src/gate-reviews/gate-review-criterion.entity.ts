import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { CriterionStatus } from './gate-review.rules';
import { GateReviewEntity } from './gate-review.entity';

/** One deliverable of the gate as the submitter presented it: MET with evidence, UNMET, or WAIVED with a comment. */
@Entity('gate_review_criteria')
@Check('gate_review_criteria_check', `(status <> 'MET'::text) OR (evidence IS NOT NULL)`)
@Check('gate_review_criteria_check1', `(status <> 'WAIVED'::text) OR (comment IS NOT NULL)`)
@Check('gate_review_criteria_comment_check', 'length(comment) >= 1 AND length(comment) <= 4000')
@Check('gate_review_criteria_criterion_check', 'length(criterion) >= 1 AND length(criterion) <= 500')
@Check('gate_review_criteria_evidence_check', 'length(evidence) >= 1 AND length(evidence) <= 4000')
@Check('gate_review_criteria_position_check', '"position" >= 0')
@Check('gate_review_criteria_status_check', `status = ANY (ARRAY['MET'::text, 'UNMET'::text, 'WAIVED'::text])`)
export class GateReviewCriterionEntity {
  @ForeignKey(() => GateReviewEntity, { name: 'gate_review_criteria_review_id_fkey' })
  @PrimaryColumn('uuid', { name: 'review_id' })
  reviewId: string;
  /** The deliverable's place in the gate. */
  @PrimaryColumn('int') position: number;
  @Index('gate_review_criteria_tenant')
  @ForeignKey(() => TenantEntity, { name: 'gate_review_criteria_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') criterion: string;
  @Column('text') status: CriterionStatus;
  @Column('text', { nullable: true }) evidence: string | null;
  @Column('text', { nullable: true }) comment: string | null;
}

import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { GateDecision } from './gate-review.rules';
import { GateReviewEntity } from './gate-review.entity';

/** A condition an approving vote sets: a corrective action once the review is decided with conditions. */
export interface VoteCondition {
  description: string;
  ownerId: string | null;
  /** YYYY-MM-DD. */
  dueDate: string;
}

/** One voter's vote on a gate review; append-only. */
@Entity('gate_review_votes')
@Check('gate_review_votes_comment_check', 'length(comment) >= 1 AND length(comment) <= 4000')
@Check('gate_review_votes_decision_check', `decision = ANY (ARRAY['APPROVE'::text, 'APPROVE_WITH_CONDITIONS'::text, 'RECYCLE'::text, 'REJECT'::text])`)
export class GateReviewVoteEntity {
  @ForeignKey(() => GateReviewEntity, { name: 'gate_review_votes_review_id_fkey' })
  @PrimaryColumn('uuid', { name: 'review_id' })
  reviewId: string;
  @ForeignKey(() => UserEntity, { name: 'gate_review_votes_voter_id_fkey' })
  @PrimaryColumn('uuid', { name: 'voter_id' })
  voterId: string;
  @Index('gate_review_votes_tenant')
  @ForeignKey(() => TenantEntity, { name: 'gate_review_votes_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') decision: GateDecision;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('jsonb', { default: [] }) conditions: VoteCondition[];
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}

import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { Role } from '@pmo/shared';
import { GateReviewState } from './gate-review.rules';

/** A review of the gate that ends a project's phase; the gate's approver role and quorum are copied at submission. */
@Entity('gate_reviews')
@Check(
  'gate_reviews_approver_role_check',
  `approver_role = ANY (ARRAY['ORG_ADMIN'::text, 'PMO_LEAD'::text, 'PROJECT_MANAGER'::text, 'EXECUTIVE'::text, 'VIEWER'::text])`,
)
@Check('gate_reviews_check', `(state = 'SUBMITTED'::text) = (decided_at IS NULL)`)
@Check('gate_reviews_phase_position_check', 'phase_position >= 0')
@Check('gate_reviews_quorum_check', 'quorum >= 1 AND quorum <= 50')
@Check(
  'gate_reviews_state_check',
  `state = ANY (ARRAY['SUBMITTED'::text, 'APPROVED'::text, 'APPROVED_WITH_CONDITIONS'::text, 'RECYCLED'::text, 'REJECTED'::text])`,
)
@Index('gate_reviews_project', ['projectId', 'submittedAt'])
export class GateReviewEntity {
  @PrimaryColumn('uuid') id: string;
  /** (project_id, phase_position) WHERE state = 'SUBMITTED': one open review per gate; partial, the migration's to declare. */
  @Index('gate_reviews_open', { synchronize: false, unique: true } as IndexOptions)
  @ForeignKey('projects', { name: 'gate_reviews_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('gate_reviews_tenant')
  @ForeignKey(() => TenantEntity, { name: 'gate_reviews_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('int', { name: 'phase_position' }) phasePosition: number;
  /** The phase the gate ends. */
  @Column('text') phase: string;
  @Column('text') gate: string;
  @Column('text', { name: 'approver_role' }) approverRole: Role;
  @Column('int') quorum: number;
  @Column('text', { default: GateReviewState.SUBMITTED }) state: GateReviewState;
  @ForeignKey(() => UserEntity, { name: 'gate_reviews_submitted_by_fkey' })
  @Column('uuid', { name: 'submitted_by' })
  submittedBy: string;
  @Column('timestamptz', { name: 'submitted_at', default: () => 'now()' }) submittedAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}

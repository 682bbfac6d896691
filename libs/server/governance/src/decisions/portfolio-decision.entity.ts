import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { ProjectState } from '@pmo/shared';
import { DecisionEvidence, DecisionKind } from './decision.rules';

/** A portfolio decision with the evidence it was made on; append-only for the app role. */
@Entity('portfolio_decisions')
@Check('portfolio_decisions_kind_check', `kind = ANY (ARRAY['CONTINUE'::text, 'HOLD'::text, 'CANCEL'::text, 'RESCOPE'::text])`)
@Check('portfolio_decisions_rationale_check', 'length(rationale) >= 1 AND length(rationale) <= 4000')
@Check(
  'portfolio_decisions_state_after_check',
  `state_after = ANY (ARRAY['PROPOSED'::text, 'ACTIVE'::text, 'ON_HOLD'::text, 'COMPLETED'::text, 'CANCELLED'::text])`,
)
@Check(
  'portfolio_decisions_state_before_check',
  `state_before = ANY (ARRAY['PROPOSED'::text, 'ACTIVE'::text, 'ON_HOLD'::text, 'COMPLETED'::text, 'CANCELLED'::text])`,
)
@Index('portfolio_decisions_project', ['projectId', 'decidedAt'])
export class PortfolioDecisionEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey('projects', { name: 'portfolio_decisions_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  /** (tenant_id, decided_at DESC, id DESC): descending keys are the migration's to declare. */
  @Index('portfolio_decisions_tenant', { synchronize: false } as IndexOptions)
  @ForeignKey(() => TenantEntity, { name: 'portfolio_decisions_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') kind: DecisionKind;
  @Column('text') rationale: string;
  @ForeignKey(() => UserEntity, { name: 'portfolio_decisions_decided_by_fkey' })
  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;
  @Column('timestamptz', { name: 'decided_at', default: () => 'now()' }) decidedAt: Date;
  @Column('text', { name: 'state_before' }) stateBefore: ProjectState;
  @Column('text', { name: 'state_after' }) stateAfter: ProjectState;
  @Column('jsonb') evidence: DecisionEvidence;
}

import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';

/** That the event of a state time reached (late, missing, overdue) was emitted for its subject. */
@Entity('governance_time_events')
@Check(
  'governance_time_events_kind_check',
  `kind = ANY (ARRAY['reporting_obligation.late'::text, 'reporting_obligation.missing'::text, 'corrective_action.overdue'::text])`,
)
export class TimeEventEntity {
  @PrimaryColumn('text') kind: string;
  @PrimaryColumn('uuid', { name: 'subject_id' }) subjectId: string;
  @PrimaryColumn('text', { default: '' }) period: string;
  @Index('governance_time_events_tenant')
  @ForeignKey(() => TenantEntity, { name: 'governance_time_events_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('timestamptz', { name: 'emitted_at', default: () => 'now()' }) emittedAt: Date;
}

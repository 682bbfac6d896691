import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A reporting obligation a PMO waived, with its reason: one per project and period. */
@Entity('reporting_waivers')
@Check('reporting_waivers_period_check', `period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'::text`)
@Check('reporting_waivers_reason_check', 'length(reason) >= 1 AND length(reason) <= 2000')
@Index('reporting_waivers_project_period', ['projectId', 'period'], { unique: true })
export class ReportingWaiverEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey('projects', { name: 'reporting_waivers_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('reporting_waivers_tenant')
  @ForeignKey(() => TenantEntity, { name: 'reporting_waivers_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** YYYY-MM. */
  @Column('text') period: string;
  @Column('text') reason: string;
  @ForeignKey(() => UserEntity, { name: 'reporting_waivers_waived_by_fkey' })
  @Column('uuid', { name: 'waived_by', nullable: true })
  waivedBy: string | null;
  @Column('timestamptz', { name: 'waived_at', default: () => 'now()' }) waivedAt: Date;
}

import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Rag } from '@pmo/shared';
import { TenantEntity } from '@pmo/core';

/** A status report as it was before a later submission for its period replaced it; append-only for the app role. */
@Entity('status_report_history')
export class StatusReportHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  /** (report_id, id DESC), latest first: a descending key, the migration's to declare. */
  @Index('status_report_history_report', { synchronize: false })
  @Column('uuid', { name: 'report_id' })
  reportId: string;
  @Column('uuid', { name: 'project_id' }) projectId: string;
  @Index('status_report_history_tenant')
  @ForeignKey(() => TenantEntity, { name: 'status_report_history_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') period: string;
  @Column('text') overall: Rag;
  @Column('text', { nullable: true }) schedule: Rag | null;
  @Column('text', { nullable: true }) cost: Rag | null;
  @Column('text', { nullable: true }) scope: Rag | null;
  @Column('text') summary: string;
  @Column('text', { name: 'next_steps', nullable: true }) nextSteps: string | null;
  @Column('uuid', { name: 'submitted_by', nullable: true }) submittedBy: string | null;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'superseded_at', default: () => 'now()' }) supersededAt: Date;
  @Column('uuid', { name: 'superseded_by', nullable: true }) supersededBy: string | null;
}

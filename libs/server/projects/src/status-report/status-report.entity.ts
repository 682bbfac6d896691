import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Rag } from '@pmo/shared';
import { TenantEntity } from '@pmo/core';
import { ProjectEntity } from '../project/project.entity';

const rag = (column: string) => `${column} = ANY (ARRAY['GREEN'::text, 'AMBER'::text, 'RED'::text])`;

/** A project's status for one period; a new submission for the period replaces it. */
@Entity('status_reports')
@Unique('status_reports_project_id_period_key', ['projectId', 'period'])
@Check('status_reports_period_check', `period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'::text`)
@Check('status_reports_overall_check', rag('overall'))
@Check('status_reports_schedule_check', rag('schedule'))
@Check('status_reports_cost_check', rag('cost'))
@Check('status_reports_scope_check', rag('scope'))
export class StatusReportEntity {
  @PrimaryColumn('uuid') id: string;
  /** (project_id, period DESC), the latest report first: a descending key, the migration's to declare. */
  @Index('status_reports_latest', { synchronize: false })
  @ForeignKey(() => ProjectEntity, { name: 'status_reports_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  /** The project's tenant, kept in step by a trigger when the project moves. */
  @Index('status_reports_tenant')
  @ForeignKey(() => TenantEntity, { name: 'status_reports_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** YYYY-MM. */
  @Column('text') period: string;
  @Column('text') overall: Rag;
  @Column('text', { nullable: true }) schedule: Rag | null;
  @Column('text', { nullable: true }) cost: Rag | null;
  @Column('text', { nullable: true }) scope: Rag | null;
  @Column('text') summary: string;
  @Column('text', { name: 'next_steps', nullable: true }) nextSteps: string | null;
  @Column('uuid', { name: 'submitted_by', nullable: true }) submittedBy: string | null;
  @Column('timestamptz', { name: 'submitted_at', default: () => 'now()' }) submittedAt: Date;
}

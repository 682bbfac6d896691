import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { ProjectEntity } from '../project/project.entity';

/** The current value a project reported for one KPI and period; the rollups are computed from these. */
@Entity('kpi_values')
@Check('kpi_values_period_check', `period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'::text`)
@Check('kpi_values_weight_check', 'weight IS NULL OR weight > 0::numeric')
export class KpiValueEntity {
  @ForeignKey(() => ProjectEntity, { name: 'kpi_values_project_id_fkey' })
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId: string;
  /** A KPI definition (the standards library's table, named since it cannot be imported). */
  @ForeignKey('kpi_definitions', { name: 'kpi_values_kpi_id_fkey' })
  @PrimaryColumn('uuid', { name: 'kpi_id' })
  kpiId: string;
  /** YYYY-MM. */
  @PrimaryColumn('text') period: string;
  /**
   * The project's tenant, kept in step by a trigger when the project moves. The rollup reads
   * a node's values through (tenant_id, kpi_id, period) INCLUDE (value, weight), which only
   * the migration can declare.
   */
  @Index('kpi_values_node', { synchronize: false })
  @ForeignKey(() => TenantEntity, { name: 'kpi_values_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** Exact decimal text. */
  @Column('numeric') value: string;
  @Column('numeric', { nullable: true }) weight: string | null;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

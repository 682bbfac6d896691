import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';

/** A value that was replaced or deleted, as it was; append-only for the app role. */
@Entity('kpi_value_history')
@Check('kpi_value_history_action_check', `action = ANY (ARRAY['REPLACED'::text, 'DELETED'::text])`)
export class KpiValueHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  /** (project_id, kpi_id, period, id DESC), latest first: a descending key, the migration's to declare. */
  @Index('kpi_value_history_project', { synchronize: false })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Column('uuid', { name: 'kpi_id' }) kpiId: string;
  @Column('text') period: string;
  @Index('kpi_value_history_tenant')
  @ForeignKey(() => TenantEntity, { name: 'kpi_value_history_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** Exact decimal text. */
  @Column('numeric') value: string;
  @Column('numeric', { nullable: true }) weight: string | null;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('timestamptz', { name: 'superseded_at', default: () => 'now()' }) supersededAt: Date;
  @Column('uuid', { name: 'superseded_by', nullable: true }) supersededBy: string | null;
  @Column('text') action: 'REPLACED' | 'DELETED';
}

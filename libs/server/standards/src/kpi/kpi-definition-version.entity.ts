import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { KpiDefinitionEntity } from './kpi-definition.entity';

/** The definition's fields as published (aggregation and direction included, though fixed). */
export type KpiSnapshot = Pick<
  KpiDefinitionEntity,
  'key' | 'name' | 'description' | 'unit' | 'aggregation' | 'direction' | 'greenThreshold' | 'amberThreshold' | 'mandatory'
>;

/** A published version of a KPI definition, kept as it was; the app role only adds them. */
@Entity('kpi_definition_versions')
@Index('kpi_definition_versions_tenant', ['tenantId'])
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'], { name: 'kpi_definition_versions_tenant_id_fkey' })
export class KpiDefinitionVersionEntity {
  @ForeignKey(() => KpiDefinitionEntity, { name: 'kpi_definition_versions_kpi_id_fkey' })
  @PrimaryColumn('uuid', { name: 'kpi_id' })
  kpiId: string;
  @PrimaryColumn('int') version: number;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('jsonb') snapshot: KpiSnapshot;
  /** When the version was published. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

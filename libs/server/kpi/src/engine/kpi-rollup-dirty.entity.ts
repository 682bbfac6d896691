import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';

/**
 * A node to recompute: the outbox of the rollup engine. A trigger writes it in the
 * transaction of any change to kpi_values, once per node (later writers share a lock on
 * it instead of updating it); a rollup tick claims it by deleting it.
 */
@Entity('kpi_rollup_dirty')
export class KpiRollupDirtyEntity {
  @ForeignKey(() => TenantEntity, { name: 'kpi_rollup_dirty_tenant_id_fkey' })
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;
  /** The standards library's table, named: a feature does not import another. */
  @ForeignKey('kpi_definitions', { name: 'kpi_rollup_dirty_kpi_id_fkey' })
  @PrimaryColumn('uuid', { name: 'kpi_id' })
  kpiId: string;
  @PrimaryColumn('text') period: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** The order marks were first made in (bigint, read as text). */
  @Column('bigint', { default: () => "nextval('kpi_rollup_dirty_seq')" }) seq: string;
  @Index('kpi_rollup_dirty_marked')
  @Column('timestamptz', { name: 'marked_at', default: () => 'clock_timestamp()' })
  markedAt: Date;
}

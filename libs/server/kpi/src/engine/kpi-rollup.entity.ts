import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rollup node's mergeable partial state, in exact numeric arithmetic (numerics and
 * bigints read as text), so its figure equals the brute-force aggregate over its
 * subtree's leaf values. Derived rows, rewritten wholesale by a rebuild: no foreign keys.
 */
@Entity('kpi_rollups')
@Index('kpi_rollups_period', ['tenantId', 'period'])
@Index('kpi_rollups_kpi_period', ['kpiId', 'period'])
export class KpiRollupEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId: string;
  @PrimaryColumn('uuid', { name: 'kpi_id' }) kpiId: string;
  @PrimaryColumn('text') period: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('bigint', { name: 'value_count' }) valueCount: string;
  @Column('numeric', { name: 'value_sum', nullable: true }) valueSum: string | null;
  @Column('numeric', { name: 'weighted_sum', nullable: true }) weightedSum: string | null;
  @Column('numeric', { name: 'weight_sum', nullable: true }) weightSum: string | null;
  @Column('numeric', { name: 'min_value', nullable: true }) minValue: string | null;
  @Column('numeric', { name: 'max_value', nullable: true }) maxValue: string | null;
  /** When the figure was last computed and found changed. */
  @Column('timestamptz', { name: 'computed_at', default: () => 'clock_timestamp()' }) computedAt: Date;
}

import { Check, Column, Entity, ForeignKey, Index, Unique } from 'typeorm';
import { KpiAggregation, KpiDirection } from '@pmo/shared';
import { TenantEntity } from '@pmo/core';
import { STATUS_CHECK, StandardEntity } from '../lifecycle/standard.entity';

/** A KPI standard: the current state; its published versions are kpi_definition_versions. */
@Entity('kpi_definitions')
@Index('kpi_definitions_tenant', ['tenantId'])
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'], { name: 'kpi_definitions_tenant_id_fkey' })
@Check('kpi_definitions_status_check', STATUS_CHECK)
@Check('kpi_definitions_key_check', `key ~ '^[a-z][a-z0-9_]{1,62}$'::text`)
@Check('kpi_definitions_name_check', `length(name) >= 1 AND length(name) <= 200`)
@Check('kpi_definitions_aggregation_check', `aggregation = ANY (ARRAY['SUM'::text, 'AVG'::text, 'WEIGHTED_AVG'::text, 'MIN'::text, 'MAX'::text])`)
@Check('kpi_definitions_direction_check', `direction = ANY (ARRAY['HIGHER_IS_BETTER'::text, 'LOWER_IS_BETTER'::text])`)
@Unique('kpi_definitions_org_id_key_key', ['orgId', 'key'])
export class KpiDefinitionEntity extends StandardEntity {
  /** Unique within the organization. */
  @Column('text') key: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { nullable: true }) unit: string | null;
  /** Fixed once created, as is the direction: values reported under any version stay comparable. */
  @Column('text') aggregation: KpiAggregation;
  @Column('text') direction: KpiDirection;
  @Column('double precision', { name: 'green_threshold', nullable: true }) greenThreshold: number | null;
  @Column('double precision', { name: 'amber_threshold', nullable: true }) amberThreshold: number | null;
  @Column('boolean', { default: false }) mandatory: boolean;
  /** Kept by the system (the compliance KPI): nobody edits, retires or reports it by hand. */
  @Column('boolean', { name: 'built_in', default: false }) builtIn: boolean;
}

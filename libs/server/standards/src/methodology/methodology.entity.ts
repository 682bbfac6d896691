import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { STATUS_CHECK, StandardEntity } from '../lifecycle/standard.entity';
import { MethodologyDefinition } from './methodology.rules';

/** A methodology: the current state; its published versions are methodology_versions. */
@Entity('methodologies')
@Index('methodologies_tenant', ['tenantId'])
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'], { name: 'methodologies_tenant_id_fkey' })
@Check('methodologies_status_check', STATUS_CHECK)
@Check('methodologies_name_check', `length(name) >= 1 AND length(name) <= 200`)
export class MethodologyEntity extends StandardEntity {
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('jsonb') definition: MethodologyDefinition;
}

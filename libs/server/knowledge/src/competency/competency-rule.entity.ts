import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A tenant's minimum manager level for projects of one tier in its subtree. */
@Entity('competency_rules')
@Check('competency_rules_min_manager_level_check', 'min_manager_level >= 0 AND min_manager_level <= 5')
@Check('competency_rules_tier_check', 'tier >= 1 AND tier <= 3')
export class CompetencyRuleEntity {
  @ForeignKey(() => TenantEntity, { name: 'competency_rules_tenant_id_fkey' })
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;
  @PrimaryColumn('int') tier: number;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('int', { name: 'min_manager_level' }) minManagerLevel: number;
  @ForeignKey(() => UserEntity, { name: 'competency_rules_set_by_fkey' })
  @Column('uuid', { name: 'set_by' })
  setBy: string;
  @Column('timestamptz', { name: 'set_at', default: () => 'now()' }) setAt: Date;
}

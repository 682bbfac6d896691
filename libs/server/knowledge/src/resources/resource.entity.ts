import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A bookable resource homed at a tenant; readable by its whole organization. */
@Entity('resources')
@Check('resources_name_check', 'length(name) >= 1 AND length(name) <= 200')
@Check('resources_weekly_capacity_hours_check', 'weekly_capacity_hours > 0::numeric AND weekly_capacity_hours <= 168::numeric')
export class ResourceEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('resources_tenant')
  @ForeignKey(() => TenantEntity, { name: 'resources_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Index('resources_org')
  @Column('uuid', { name: 'org_id' })
  orgId: string;
  @Column('text') name: string;
  /** GIN: the skill filter's index. */
  @Index('resources_skills', { synchronize: false } as IndexOptions)
  @Column('text', { array: true, default: () => `'{}'` })
  skills: string[];
  /** numeric(5,2): hours to the hundredth, exact. */
  @Column('numeric', { name: 'weekly_capacity_hours', precision: 5, scale: 2 }) weeklyCapacityHours: string;
  @ForeignKey(() => UserEntity, { name: 'resources_user_id_fkey' })
  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;
  @ForeignKey(() => UserEntity, { name: 'resources_created_by_fkey' })
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

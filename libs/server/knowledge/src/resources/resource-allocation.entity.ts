import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';
import { AllocationKind, AllocationState } from './resource.rules';
import { ResourceEntity } from './resource.entity';

/**
 * A resource on a project for a range of ISO weeks (their Mondays). tenant_id is the
 * resource's home, project_tenant_id the project's; borrowed: the project is outside the home's subtree.
 */
@Entity('resource_allocations')
@Check('resource_allocations_hours_per_week_check', 'hours_per_week > 0::numeric AND hours_per_week <= 168::numeric')
@Check('resource_allocations_kind_check', `kind = ANY (ARRAY['SOFT'::text, 'HARD'::text])`)
@Check('resource_allocations_state_check', `state = ANY (ARRAY['APPROVED'::text, 'REQUESTED'::text, 'REJECTED'::text])`)
@Check(
  'resource_allocations_weeks_check',
  'EXTRACT(isodow FROM from_week) = 1::numeric AND EXTRACT(isodow FROM to_week) = 1::numeric AND from_week <= to_week AND (to_week - from_week) < 742',
)
@Index('resource_allocations_resource', ['resourceId', 'fromWeek'])
export class ResourceAllocationEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey(() => ResourceEntity, { name: 'resource_allocations_resource_id_fkey' })
  @Column('uuid', { name: 'resource_id' })
  resourceId: string;
  /** Also (tenant_id, project_id, project_tenant_id) WHERE borrowed: a partial index, the migration's to declare. */
  @Index('resource_allocations_tenant')
  @Index('resource_allocations_borrowed', { synchronize: false } as IndexOptions)
  @ForeignKey(() => TenantEntity, { name: 'resource_allocations_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Index('resource_allocations_project')
  @ForeignKey('projects', { name: 'resource_allocations_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('resource_allocations_project_tenant')
  @ForeignKey(() => TenantEntity, { name: 'resource_allocations_project_tenant_id_fkey' })
  @Column('uuid', { name: 'project_tenant_id' })
  projectTenantId: string;
  @Column('boolean') borrowed: boolean;
  /** YYYY-MM-DD, a Monday. */
  @Column('date', { name: 'from_week' }) fromWeek: string;
  @Column('date', { name: 'to_week' }) toWeek: string;
  @Column('numeric', { name: 'hours_per_week', precision: 5, scale: 2 }) hoursPerWeek: string;
  @Column('text') kind: AllocationKind;
  @Column('text') state: AllocationState;
  @ForeignKey(() => UserEntity, { name: 'resource_allocations_requested_by_fkey' })
  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' }) requestedAt: Date;
  @ForeignKey(() => UserEntity, { name: 'resource_allocations_decided_by_fkey' })
  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
}

import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { ProjectState } from '@pmo/shared';

/** A state or phase a project entered, and when: written by a trigger on projects, read-only for the app. */
@Entity('project_timeline')
@Check('project_timeline_state_check', `state = ANY (ARRAY['PROPOSED'::text, 'ACTIVE'::text, 'ON_HOLD'::text, 'COMPLETED'::text, 'CANCELLED'::text])`)
@Index('project_timeline_project', ['projectId', 'at'])
export class ProjectTimelineEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @ForeignKey('projects', { name: 'project_timeline_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  @Index('project_timeline_tenant')
  @ForeignKey(() => TenantEntity, { name: 'project_timeline_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') state: ProjectState;
  @Column('text', { name: 'current_phase', nullable: true }) currentPhase: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}

import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { ProjectEntity } from '../project/project.entity';

/** A dated checkpoint of a project; its status is derived, never stored. */
@Entity('milestones')
@Check('milestones_name_check', 'length(name) >= 1 AND length(name) <= 200')
@Index('milestones_project', ['projectId', 'dueDate'])
export class MilestoneEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey(() => ProjectEntity, { name: 'milestones_project_id_fkey' })
  @Column('uuid', { name: 'project_id' })
  projectId: string;
  /** The project's tenant, kept in step by a trigger when the project moves. */
  @Index('milestones_tenant')
  @ForeignKey(() => TenantEntity, { name: 'milestones_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) phase: string | null;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'due_date' }) dueDate: string;
  @Column('date', { name: 'completed_on', nullable: true }) completedOn: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

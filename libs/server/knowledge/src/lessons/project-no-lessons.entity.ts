import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A manager's statement that a project has no lesson to record: it may be COMPLETED without one. */
@Entity('project_no_lessons')
@Check('project_no_lessons_reason_check', 'length(reason) >= 1 AND length(reason) <= 2000')
export class ProjectNoLessonsEntity {
  @ForeignKey('projects', { name: 'project_no_lessons_project_id_fkey' })
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId: string;
  @Index('project_no_lessons_tenant')
  @ForeignKey(() => TenantEntity, { name: 'project_no_lessons_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') reason: string;
  @ForeignKey(() => UserEntity, { name: 'project_no_lessons_declared_by_fkey' })
  @Column('uuid', { name: 'declared_by' })
  declaredBy: string;
  @Column('timestamptz', { name: 'declared_at', default: () => 'now()' }) declaredAt: Date;
}

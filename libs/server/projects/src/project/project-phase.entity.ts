import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { ProjectEntity } from './project.entity';

/** A phase copied from the project's methodology version when the project was created. */
@Entity('project_phases')
@Check('project_phases_position_check', '"position" >= 0')
export class ProjectPhaseEntity {
  @ForeignKey(() => ProjectEntity, { name: 'project_phases_project_id_fkey' })
  @PrimaryColumn('uuid', { name: 'project_id' })
  projectId: string;
  @PrimaryColumn('int') position: number;
  /** The project's tenant, kept in step by a trigger when the project moves. */
  @Index('project_phases_tenant')
  @ForeignKey(() => TenantEntity, { name: 'project_phases_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') name: string;
  @Column('text', { name: 'gate_name', nullable: true }) gateName: string | null;
  @Column('jsonb', { name: 'gate_deliverables', default: () => "'[]'" }) gateDeliverables: string[];
  @Column('text', { name: 'gate_approver_role', nullable: true }) gateApproverRole: string | null;
}

import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ProjectState } from '@pmo/shared';
import { TenantEntity, UserEntity } from '@pmo/core';
import { ProgramEntity } from '../program/program.entity';

/** A project of one tenant; its code is unique in that tenant, case-insensitively. */
@Entity('projects')
@Check('projects_check', 'end_date IS NULL OR start_date IS NULL OR end_date >= start_date')
@Check('projects_check1', '(methodology_id IS NULL) = (methodology_version IS NULL)')
@Check('projects_code_check', 'length(code) >= 1 AND length(code) <= 50')
@Check('projects_name_check', 'length(name) >= 1 AND length(name) <= 200')
@Check('projects_tier_check', 'tier >= 1 AND tier <= 3')
@Check('projects_state_check', `state = ANY (ARRAY['PROPOSED'::text, 'ACTIVE'::text, 'ON_HOLD'::text, 'COMPLETED'::text, 'CANCELLED'::text])`)
// Keyset pagination: each sort reads its index in order from the cursor on.
@Index('projects_code_id', ['code', 'id'])
@Index('projects_name_id', ['name', 'id'])
@Index('projects_created_id', ['createdAt', 'id'])
export class ProjectEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Index('projects_tenant')
  @ForeignKey(() => TenantEntity, { name: 'projects_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  /**
   * (tenant_id, lower(code)): an expression index, the migration's to declare
   * (TypeORM's typings take `synchronize: false` only alone; the decorator reads `unique` too).
   */
  @Index('projects_tenant_code', { synchronize: false, unique: true } as IndexOptions)
  @Column('text')
  code: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { default: 'ACTIVE' }) state: ProjectState;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'start_date', nullable: true }) startDate: string | null;
  @Column('date', { name: 'end_date', nullable: true }) endDate: string | null;
  /** Exact decimal text. */
  @Column('numeric', { name: 'planned_budget', nullable: true }) plannedBudget: string | null;
  @Column('numeric', { name: 'actual_cost', nullable: true }) actualCost: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Index('projects_program')
  @ForeignKey(() => ProgramEntity, { name: 'projects_program_id_fkey' })
  @Column('uuid', { name: 'program_id', nullable: true })
  programId: string | null;
  @ForeignKey(() => UserEntity, { name: 'projects_manager_id_fkey' })
  @Column('uuid', { name: 'manager_id', nullable: true })
  managerId: string | null;
  /** The methodology version it follows (a standards table: no foreign key). */
  @Column('uuid', { name: 'methodology_id', nullable: true }) methodologyId: string | null;
  @Column('int', { name: 'methodology_version', nullable: true }) methodologyVersion: number | null;
  @Column('text', { name: 'current_phase', nullable: true }) currentPhase: string | null;
  /** 1 (the largest) to 3: competency rules set its manager's minimum level. */
  @Column('int', { nullable: true }) tier: number | null;
}

import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';

/** A named group of projects inside one tenant; its name is unique there, case-insensitively. */
@Entity('programs')
@Check('programs_name_check', 'length(name) >= 1 AND length(name) <= 200')
export class ProgramEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @ForeignKey(() => TenantEntity, { name: 'programs_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  /**
   * (tenant_id, lower(name)): an expression index, the migration's to declare
   * (TypeORM's typings take `synchronize: false` only alone; the decorator reads `unique` too).
   */
  @Index('programs_tenant_name', { synchronize: false, unique: true } as IndexOptions)
  @Column('text')
  name: string;
  @Column('text', { nullable: true }) description: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

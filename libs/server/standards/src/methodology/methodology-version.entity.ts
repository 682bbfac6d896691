import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { MethodologyEntity } from './methodology.entity';
import { MethodologyDefinition } from './methodology.rules';

/** A published version of a methodology, kept as it was: projects follow one. The app role only adds them. */
@Entity('methodology_versions')
@Index('methodology_versions_tenant', ['tenantId'])
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'], { name: 'methodology_versions_tenant_id_fkey' })
export class MethodologyVersionEntity {
  @ForeignKey(() => MethodologyEntity, { name: 'methodology_versions_methodology_id_fkey' })
  @PrimaryColumn('uuid', { name: 'methodology_id' })
  methodologyId: string;
  @PrimaryColumn('int') version: number;
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') name: string;
  @Column('jsonb') snapshot: MethodologyDefinition;
  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' }) publishedAt: Date;
}

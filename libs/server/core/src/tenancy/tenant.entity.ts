import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantKind } from '@pmo/shared';

/** A PMO: the organization's hub (depth 0) or a spoke below it. */
@Entity('tenants')
@Check('tenants_kind_check', `kind = ANY (ARRAY['HUB'::text, 'SPOKE'::text])`)
@Check('tenants_name_check', `length(name) >= 1 AND length(name) <= 200`)
@Check('tenants_depth_check', `depth >= 0`)
@Check('tenants_check', `(kind = 'HUB'::text) = (parent_id IS NULL)`)
@Check('tenants_check1', `cardinality(path) = (depth + 1) AND path[depth + 1] = id`)
export class TenantEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Index('tenants_parent')
  @ForeignKey(() => TenantEntity, { name: 'tenants_parent_id_fkey' })
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;
  @Column('text') kind: TenantKind;
  /**
   * Unique among siblings, case-insensitively: (parent_id, lower(name)) WHERE parent_id IS
   * NOT NULL, declared by the migration. Cast: TypeORM's typings allow nothing beside
   * `synchronize: false`, though the decorator reads `unique` too.
   */
  @Index('tenants_sibling_name', { synchronize: false, unique: true } as IndexOptions)
  @Column('text')
  name: string;
  @Column('int') depth: number;
  /** Ancestors root-first, then the tenant itself. */
  @Index('tenants_path', { type: 'gin' })
  @Column('uuid', { array: true })
  path: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

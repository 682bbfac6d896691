import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { TenantKind } from '@pmo/shared';

/** A PMO: the organization's hub (depth 0) or a spoke below it. */
@Entity('tenants')
export class TenantEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('text') kind: TenantKind;
  @Column('text') name: string;
  @Column('int') depth: number;
  /** Ancestors root-first, then the tenant itself. */
  @Column('uuid', { array: true }) path: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

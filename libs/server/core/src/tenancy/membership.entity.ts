import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@pmo/shared';

/** A role held at a tenant; it covers the tenant's whole subtree. */
@Entity('memberships')
export class MembershipEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @PrimaryColumn('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') role: Role;
  /** INVITED grants nothing until its user accepts. */
  @Column('text', { default: 'ACTIVE' }) status: 'ACTIVE' | 'INVITED';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

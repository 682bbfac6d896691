import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { MembershipStatus, Role } from '@pmo/shared';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

/** A role held at a tenant; it covers the tenant's whole subtree. */
@Entity('memberships')
@Check('memberships_role_check', `role = ANY (ARRAY['ORG_ADMIN'::text, 'PMO_LEAD'::text, 'PROJECT_MANAGER'::text, 'EXECUTIVE'::text, 'VIEWER'::text])`)
@Check('memberships_status_check', `status = ANY (ARRAY['ACTIVE'::text, 'INVITED'::text])`)
export class MembershipEntity {
  @Index('memberships_user')
  @ForeignKey(() => UserEntity, { name: 'memberships_user_id_fkey' })
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;
  @Index('memberships_tenant')
  @ForeignKey(() => TenantEntity, { name: 'memberships_tenant_id_fkey' })
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') role: Role;
  /** INVITED grants nothing until its user accepts. */
  @Column('text', { default: MembershipStatus.ACTIVE }) status: MembershipStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

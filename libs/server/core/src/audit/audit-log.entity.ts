import { Column, Entity, ForeignKey, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from '../tenancy/tenant.entity';

/** One audited change; append-only for the app role. */
@Entity('audit_log')
export class AuditLogEntity {
  /** Internal order only: one sequence for every organization, never shown. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  /** The id clients see: random per row. */
  @Index('audit_log_public_id', { unique: true })
  @Column('uuid', { name: 'public_id' })
  @Generated('uuid')
  publicId: string;
  /** (tenant_id, at DESC, public_id DESC): descending keys are the migration's to declare. */
  @Index('audit_log_tenant_at', { synchronize: false })
  @ForeignKey(() => TenantEntity, { name: 'audit_log_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text') entity: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('text') action: string;
  @Column('jsonb', { nullable: true }) before: object | null;
  @Column('jsonb', { nullable: true }) after: object | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}

import { Check, Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A person's certification, recorded by a PMO of the tenant it lives in. */
@Entity('certifications')
@Check('certifications_check', 'expires_on IS NULL OR expires_on >= issued_on')
@Check('certifications_level_check', 'level >= 1 AND level <= 5')
@Check('certifications_name_check', 'length(name) >= 1 AND length(name) <= 200')
export class CertificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('certifications_tenant')
  @ForeignKey(() => TenantEntity, { name: 'certifications_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Index('certifications_user')
  @ForeignKey(() => UserEntity, { name: 'certifications_user_id_fkey' })
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @Column('text') name: string;
  @Column('int') level: number;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'issued_on' }) issuedOn: string;
  /** (expires_on) WHERE not yet flagged: the daily job's partial index, the migration's to declare. */
  @Index('certifications_expiring', { synchronize: false } as IndexOptions)
  @Column('date', { name: 'expires_on', nullable: true })
  expiresOn: string | null;
  @ForeignKey(() => UserEntity, { name: 'certifications_recorded_by_fkey' })
  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
  @Column('timestamptz', { name: 'expiry_flagged_at', nullable: true }) expiryFlaggedAt: Date | null;
}

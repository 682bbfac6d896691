import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** A course a person completed, recorded by a PMO of the tenant it lives in. */
@Entity('training_records')
@Check('training_records_course_check', 'length(course) >= 1 AND length(course) <= 200')
@Check('training_records_hours_check', 'hours > 0 AND hours <= 168')
export class TrainingRecordEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('training_records_tenant')
  @ForeignKey(() => TenantEntity, { name: 'training_records_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Index('training_records_user')
  @ForeignKey(() => UserEntity, { name: 'training_records_user_id_fkey' })
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @Column('text') course: string;
  /** YYYY-MM-DD. */
  @Column('date', { name: 'completed_on' }) completedOn: string;
  @Column('double precision') hours: number;
  @ForeignKey(() => UserEntity, { name: 'training_records_recorded_by_fkey' })
  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

import { Column, Entity, ForeignKey, Index, IndexOptions, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** What one event told one person; theirs alone to read and mark. */
@Entity('notifications')
// A redelivered event notifies nobody twice.
@Index('notifications_event_user', ['eventId', 'userId'], { unique: true })
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  /** (user_id, created_at DESC, id DESC): descending keys are the migration's to declare. */
  @Index('notifications_user', { synchronize: false } as IndexOptions)
  @ForeignKey(() => UserEntity, { name: 'notifications_user_id_fkey' })
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @Index('notifications_tenant')
  @ForeignKey(() => TenantEntity, { name: 'notifications_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('uuid', { name: 'event_id' })
  eventId: string;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) body: string | null;
  @Column('text', { nullable: true }) entity: string | null;
  @Column('uuid', { name: 'entity_id', nullable: true }) entityId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt: Date | null;
}

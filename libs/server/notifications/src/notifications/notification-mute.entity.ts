import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@pmo/core';

/** A kind of notification a user does not want. */
@Entity('notification_mutes')
export class NotificationMuteEntity {
  @ForeignKey(() => UserEntity, { name: 'notification_mutes_user_id_fkey' })
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;
  @PrimaryColumn('text') kind: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../tenancy/user.entity';

/** What a token names: access stands while its session is neither ended nor expired. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('uuid') id: string;
  @Index('sessions_user')
  @ForeignKey(() => UserEntity, { name: 'sessions_user_id_fkey' })
  @Column('uuid', { name: 'user_id' })
  userId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  /** Set by a logout or a password change; the app role may change this column only. */
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person; global across organizations, reached only through memberships. */
@Entity('users')
@Index('users_email', { synchronize: false })
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

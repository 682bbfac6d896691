import { Column, CreateDateColumn, Entity, Index, IndexOptions, PrimaryColumn } from 'typeorm';

/** A person; global across organizations, reached only through memberships. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  /** Unique case-insensitively: lower(email), declared by the migration (the cast: as on TenantEntity.name). */
  @Index('users_email', { synchronize: false, unique: true } as IndexOptions)
  @Column('text')
  email: string;
  /**
   * "scrypt$N$r$p$salt$key", or empty for an account invited before it had a password.
   * The runtime roles may write it but never read it (the database compares).
   */
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

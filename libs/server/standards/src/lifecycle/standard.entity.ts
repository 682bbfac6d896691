// The columns every versioned standard's table has: an owner tenant (its subtree is where
// the standard applies), the lifecycle status and the version. Each table declares its
// own names for the index and foreign key on tenant_id and for the status check.
import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { StandardStatus } from '@pmo/shared';

export const STATUS_CHECK = `status = ANY (ARRAY['DRAFT'::text, 'PUBLISHED'::text, 'RETIRED'::text])`;

export abstract class StandardEntity {
  /** Stable across versions. */
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  /** The owner. */
  @Column('uuid', { name: 'tenant_id' }) tenantId: string;
  @Column('text', { default: StandardStatus.DRAFT }) status: StandardStatus;
  /** Counts the edits made while published. */
  @Column('int', { default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A standard's own fields: what creating one gives, besides its owner. */
export type StandardFields<E extends StandardEntity> = Omit<E, keyof StandardEntity>;

import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '../tenancy/tenant.entity';

/** What every outbox job's payload carries: its row (deleted by the handler) and the tenant it acts for. */
export interface OutboxPayload {
  outboxId: string;
  tenantId: string;
}

/** A one-off job to publish: written in the change's transaction, deleted by the job's handler once done. */
@Entity('outbox')
export class OutboxEntity {
  /** Also the job's id, so a republished job that is still queued is not added twice. */
  @PrimaryColumn('uuid') id: string;
  @Index('outbox_tenant')
  @ForeignKey(() => TenantEntity, { name: 'outbox_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text', { name: 'job_name' }) jobName: string;
  /** The job's whole payload, outboxId included. */
  @Column('jsonb') payload: OutboxPayload;
  @Index('outbox_created')
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

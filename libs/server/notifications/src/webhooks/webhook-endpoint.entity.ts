import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity, UserEntity } from '@pmo/core';

/** Where a tenant's subtree's events are posted, signed with the endpoint's secret. */
@Entity('webhook_endpoints')
@Check('webhook_endpoints_url_check', 'length(url) >= 1 AND length(url) <= 2000')
@Check('webhook_endpoints_events_check', 'cardinality(events) > 0')
@Index('webhook_endpoints_tenant_url', ['tenantId', 'url'], { unique: true })
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey(() => TenantEntity, { name: 'webhook_endpoints_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('text') url: string;
  @Column('text', { array: true }) events: string[];
  @Column('text') secret: string;
  @Column('text', { name: 'previous_secret', nullable: true }) previousSecret: string | null;
  @Column('timestamptz', { name: 'previous_secret_until', nullable: true }) previousSecretUntil: Date | null;
  @Column('boolean', { default: true }) active: boolean;
  @Column('int', { name: 'failed_messages', default: 0 }) failedMessages: number;
  @ForeignKey(() => UserEntity, { name: 'webhook_endpoints_created_by_fkey' })
  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

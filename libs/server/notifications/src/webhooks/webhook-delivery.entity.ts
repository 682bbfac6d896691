import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TenantEntity } from '@pmo/core';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/** One event's message to one endpoint: signed and sent as stored, on every attempt. */
@Entity('webhook_deliveries')
@Check('webhook_deliveries_status_check', `status = ANY (ARRAY['PENDING'::text, 'DELIVERED'::text, 'FAILED'::text])`)
@Check('webhook_deliveries_last_response_body_check', 'length(last_response_body) <= 1024')
@Index('webhook_deliveries_event_endpoint', ['eventId', 'endpointId'], { unique: true })
@Index('webhook_deliveries_endpoint', ['endpointId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id: string;
  @ForeignKey(() => WebhookEndpointEntity, { name: 'webhook_deliveries_endpoint_id_fkey', onDelete: 'CASCADE' })
  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;
  @Index('webhook_deliveries_tenant')
  @ForeignKey(() => TenantEntity, { name: 'webhook_deliveries_tenant_id_fkey' })
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
  @Column('uuid', { name: 'org_id' }) orgId: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('text') event: string;
  @Column('text', { name: 'message_id' }) messageId: string;
  @Column('text') body: string;
  @Column('text', { default: DeliveryStatus.PENDING }) status: DeliveryStatus;
  @Column('int', { default: 0 }) attempts: number;
  @Column('int', { name: 'last_response_status', nullable: true }) lastResponseStatus: number | null;
  @Column('text', { name: 'last_response_body', nullable: true }) lastResponseBody: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

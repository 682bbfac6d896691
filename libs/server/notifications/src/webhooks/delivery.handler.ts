// One attempt at one webhook delivery, in the endpoint's tenant's context. The message is
// signed afresh (a new timestamp, the secrets of the moment) but its id and body never
// change. The HTTP call runs outside any transaction. A failure throws so BullMQ retries
// with backoff; the last attempt's failure marks the delivery FAILED instead, and enough
// failed messages in a row disable the endpoint and tell its owner.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, OnJob, OutboxService, TenantDb } from '@pmo/core';
import { ENDPOINT_DISABLED } from '../events/event-types';
import { DeliveryPayload, WEBHOOK_DELIVERY_JOB } from '../notifications.jobs';
import { NotificationEvents } from '../notifications/notification-events';
import { NotificationRepository } from '../notifications/notification.repository';
import { isLastAttempt, retryDelay } from './backoff';
import { post } from './http-sender';
import { signedHeaders, signingSecrets } from './signing';
import { DeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookRepository } from './webhook.repository';

/** Messages in a row whose every attempt failed before an endpoint is disabled (about a day of retries each). */
export const DISABLE_AFTER_FAILED_MESSAGES = 5;

@Injectable()
export class DeliveryHandler {
  private readonly logger = new Logger(DeliveryHandler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
    private readonly webhooks: WebhookRepository,
    private readonly notifications: NotificationRepository,
    private readonly events: NotificationEvents,
  ) {}

  @OnJob(WEBHOOK_DELIVERY_JOB)
  async deliver(payload: DeliveryPayload, job: Job): Promise<void> {
    const target = await this.db.transaction(async (em) => {
      const delivery = await this.webhooks.delivery(em, payload.deliveryId);
      const endpoint = delivery && (await this.webhooks.endpoint(em, delivery.endpointId));
      if (!delivery || !endpoint || !endpoint.active || delivery.status !== DeliveryStatus.PENDING) {
        // Deleted, disabled or already settled: nothing to send, and the row is done.
        await this.outbox.complete(em, payload.outboxId);
        return null;
      }
      return { delivery, endpoint };
    });
    if (!target) return;
    const { delivery, endpoint } = target;
    const now = new Date();
    const headers = signedHeaders(signingSecrets(endpoint, now), delivery.messageId, Math.floor(now.getTime() / 1000), delivery.body);
    const result = await post(endpoint.url, headers, delivery.body, { allowLoopback: this.config.nodeEnv !== 'production' });
    const attempt = job.attemptsMade + 1;
    const last = !result.ok && isLastAttempt(attempt);
    let disabled = false;
    await this.db.transaction(async (em) => {
      await this.webhooks.recordAttempt(em, delivery.id, {
        status: result.ok ? DeliveryStatus.DELIVERED : last ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
        lastResponseStatus: result.status,
        lastResponseBody: result.body,
        lastError: result.error,
        nextAttemptAt: result.ok || last ? null : new Date(Date.now() + retryDelay(attempt, payload.backoffMs)),
      });
      if (result.ok) await this.webhooks.messageDelivered(em, endpoint.id);
      if (last) disabled = await this.webhooks.messageFailed(em, endpoint.id, DISABLE_AFTER_FAILED_MESSAGES);
      if (disabled && endpoint.createdBy) await this.tellOwner(em, endpoint, endpoint.createdBy, delivery.id);
      if (result.ok || last) await this.outbox.complete(em, payload.outboxId);
    });
    if (disabled) this.logger.warn(`webhook endpoint ${endpoint.id} disabled after ${DISABLE_AFTER_FAILED_MESSAGES} failed messages`);
    if (!result.ok && !last) throw new Error(`delivery ${delivery.id} attempt ${attempt}: ${result.error}`);
  }

  /** The endpoint's creator hears that it was disabled (once: keyed by the delivery that tipped it). */
  private async tellOwner(em: EntityManager, endpoint: WebhookEndpointEntity, userId: string, eventId: string): Promise<void> {
    const id = randomUUID();
    const added = await this.notifications.add(em, {
      id,
      userId,
      tenantId: endpoint.tenantId,
      orgId: endpoint.orgId,
      eventId,
      kind: ENDPOINT_DISABLED,
      title: 'A webhook endpoint was disabled',
      body: `${endpoint.url} failed ${DISABLE_AFTER_FAILED_MESSAGES} messages in a row`,
      entity: 'webhook_endpoint',
      entityId: endpoint.id,
    });
    if (added) this.db.afterCommit(() => this.events.publish([{ id, userId }]));
  }
}

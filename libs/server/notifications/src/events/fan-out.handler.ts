// The fan-out of one business event, in the organization's context (the recipients and
// endpoints may sit above the event's tenant): its notifications, its webhook deliveries
// (each published through the outbox) and the completion of its outbox row, in one
// transaction; then the recipients' live subscriptions are told. Notifications and
// deliveries are keyed by the event, so a redelivered or retried job adds nothing twice.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OnJob, OutboxService, TenantDb } from '@pmo/core';
import { FAN_OUT_JOB, FanOutPayload, WEBHOOK_DELIVERY_JOB } from '../notifications.jobs';
import { NotificationEvents } from '../notifications/notification-events';
import { EVENT_TYPES } from './event-types';
import { FanOutRepository } from './fan-out.repository';

/** The webhook-id of an event's messages: the same on every retry and for every endpoint. */
export const messageIdOf = (eventId: string) => `msg_${eventId}`;

@Injectable()
export class FanOutHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
    private readonly fanOut: FanOutRepository,
    private readonly events: NotificationEvents,
  ) {}

  @OnJob(FAN_OUT_JOB)
  async fan(payload: FanOutPayload): Promise<void> {
    const type = EVENT_TYPES[payload.jobName];
    const { tenantId, orgId, eventId, data } = payload;
    const notified = await this.db.transaction(
      async (em) => {
        if (!type) return [];
        const entityId = type.idKey ? data[type.idKey] : null;
        const added = await this.fanOut.notify(em, {
          jobName: payload.jobName,
          tenantId,
          orgId,
          eventId,
          kind: type.type,
          data,
          title: type.title(data),
          entity: type.entity,
          entityId: typeof entityId === 'string' ? entityId : null,
        });
        const body = JSON.stringify({ type: type.type, timestamp: payload.occurredAt, data: { ...data, tenantId, orgId } });
        const deliveries = await this.fanOut.addDeliveries(em, tenantId, eventId, type.type, messageIdOf(eventId), body);
        for (const delivery of deliveries) {
          await this.outbox.publish(em, orgId, WEBHOOK_DELIVERY_JOB, {
            tenantId: delivery.tenantId,
            deliveryId: delivery.id,
            backoffMs: this.config.webhookBackoffMs,
          });
        }
        // Last: a failure above leaves the row for the retry.
        await this.outbox.complete(em, payload.outboxId);
        return added;
      },
      { as: { kind: 'system', tenantId: orgId } },
    );
    await this.events.publish(notified.map(({ id, userId }) => ({ id, userId })));
  }
}

// The library's jobs: an event's fan-out (published through the outbox as its source
// job completes), each webhook delivery (through the outbox too, retried with backoff on
// its own queue), the prune of old read notifications and the daily email digest.
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';
import type { EventData } from './events/event-types';
import { deliveryRetries } from './webhooks/backoff';

export interface FanOutPayload extends OutboxPayload {
  orgId: string;
  /** The source job's outbox id: the event's identity, for notifications, deliveries and the webhook-id. */
  eventId: string;
  /** The source job's name, which says the event type. */
  jobName: string;
  data: EventData;
  occurredAt: string;
}

export interface DeliveryPayload extends OutboxPayload {
  deliveryId: string;
  /** WEBHOOK_BACKOFF_MS when the delivery was queued: job options are made from the payload alone. */
  backoffMs: number;
}

export const FAN_OUT_JOB = defineJob<FanOutPayload>({
  name: 'notifications.fan-out',
  queue: QueueName.EVENTS,
  // The outbox row's id as the job id: a republished job still queued is not added twice.
  options: ({ outboxId }) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId }),
});

export const WEBHOOK_DELIVERY_JOB = defineJob<DeliveryPayload>({
  name: 'webhooks.deliver',
  queue: QueueName.WEBHOOKS,
  options: ({ outboxId, backoffMs }) => ({ ...deliveryRetries(backoffMs), jobId: outboxId }),
});

export const NOTIFICATIONS_PRUNE_JOB = defineJob({
  name: 'maintenance.notifications-prune',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: () => 3600_000,
});

/** Does nothing unless SMTP_URL is set. */
export const NOTIFICATIONS_DIGEST_JOB = defineJob({
  name: 'maintenance.notifications-digest',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: () => 24 * 3600_000,
});

// Notifications and webhooks: every business event, once its producer's job completes, is
// fanned out by the worker to in-app notifications for the people it concerns and to
// signed webhook deliveries for the endpoints that subscribed (events/event-types.ts says
// which events, to whom). The api serves each user's notifications (live too), their
// preferences, and the endpoints with their delivery logs.
import { Global, Module } from '@nestjs/common';
import { CompletedEvents } from '@pmo/core';
import { FanOutHandler } from './events/fan-out.handler';
import { FanOutRepository } from './events/fan-out.repository';
import { OutboxEventFanOut } from './events/outbox-events';
import { NotificationDigest } from './notifications/notification-digest';
import { NotificationDigestRepository } from './notifications/notification-digest.repository';
import { NotificationEvents } from './notifications/notification-events';
import { NotificationPrune } from './notifications/notification-prune';
import { NotificationPruneRepository } from './notifications/notification-prune.repository';
import { NotificationSubscriptions } from './notifications/notification-subscriptions';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationResolver } from './notifications/notification.resolver';
import { NotificationService } from './notifications/notification.service';
import { DeliveryHandler } from './webhooks/delivery.handler';
import { WebhookRepository } from './webhooks/webhook.repository';
import { WebhookResolver } from './webhooks/webhook.resolver';
import { WebhookService } from './webhooks/webhook.service';

@Module({
  providers: [
    NotificationRepository,
    WebhookRepository,
    NotificationEvents,
    NotificationService,
    NotificationSubscriptions,
    WebhookService,
    NotificationResolver,
    WebhookResolver,
  ],
})
export class NotificationsModule {}

/** The worker side: the fan-out (core's port for completed outbox jobs, global), deliveries, the prune and the email digest. */
@Global()
@Module({
  providers: [
    FanOutRepository,
    NotificationRepository,
    NotificationPruneRepository,
    NotificationDigestRepository,
    WebhookRepository,
    NotificationEvents,
    NotificationDigest,
    FanOutHandler,
    DeliveryHandler,
    NotificationPrune,
    { provide: CompletedEvents, useClass: OutboxEventFanOut },
  ],
  exports: [CompletedEvents],
})
export class NotificationsJobsModule {}

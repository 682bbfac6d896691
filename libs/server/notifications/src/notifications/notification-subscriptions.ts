// notificationAdded: a subscriber hears of their own new notifications only. The event
// names the recipient; the subscription reads the row back through the subscriber's own
// session (RLS: their rows alone), so even a misaddressed event yields nothing.
import { Injectable, Logger } from '@nestjs/common';
import { GraphqlContext, peekContext, runWithContext, unauthenticated } from '@pmo/core';
import { NotificationEvents } from './notification-events';
import { NotificationModel } from './notification.model';
import { NotificationService } from './notification.service';

type Payload = { notificationAdded: NotificationModel };

/** Unread items a subscriber may hold before the oldest are dropped (it still finds them in `notifications`). */
const INBOX_LIMIT = 100;

/** A subscriber's queue, an async iterator for GraphQL; unread items wait, in order. */
class Inbox implements AsyncIterableIterator<Payload> {
  private readonly items: Payload[] = [];
  private waiting?: (result: IteratorResult<Payload>) => void;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  put(item: Payload): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= INBOX_LIMIT) this.items.shift();
    this.items.push(item);
  }

  next(): Promise<IteratorResult<Payload>> {
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    const item = this.items.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<Payload>> {
    if (!this.closed) {
      this.closed = true;
      this.items.length = 0;
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<Payload>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

@Injectable()
export class NotificationSubscriptions {
  private readonly logger = new Logger(NotificationSubscriptions.name);

  constructor(
    private readonly events: NotificationEvents,
    private readonly notifications: NotificationService,
  ) {}

  added(graphql: GraphqlContext): AsyncIterableIterator<Payload> {
    const context = graphql.requestContext ?? peekContext();
    if (!context || context.actor.kind !== 'user') throw unauthenticated();
    const { requestId, actor } = context;
    let stop = () => undefined as unknown;
    const inbox = new Inbox(() => stop());
    stop = this.events.listen((event) => {
      if (event.userId !== actor.userId) return;
      runWithContext({ requestId, actor }, () => this.notifications.own([event.id]))
        .then((rows) => {
          for (const row of rows) inbox.put({ notificationAdded: row });
        })
        .catch((error: unknown) => this.logger.warn(`notification ${event.id} not read for its subscriber: ${String(error)}`));
    });
    return inbox;
  }
}

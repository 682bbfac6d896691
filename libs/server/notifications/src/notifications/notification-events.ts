// New notifications cross processes on the transport's pub/sub: the worker publishes the
// recipient and the notification's id, every api process relays them to that user's
// subscriptions, which read the row through the user's own context (RLS: theirs only).
import { Injectable } from '@nestjs/common';
import { Transport } from '@pmo/core';

export interface NotificationAdded {
  userId: string;
  id: string;
}

type Listener = (event: NotificationAdded) => void;

const CHANNEL = 'notification-added';

@Injectable()
export class NotificationEvents {
  private readonly listeners = new Set<Listener>();
  private stop?: () => void;

  constructor(private readonly transport: Transport) {}

  /** Best effort: a subscriber that misses one still finds it in `notifications`. */
  async publish(events: readonly NotificationAdded[]): Promise<void> {
    await Promise.all(events.map(({ userId, id }) => this.transport.publish(CHANNEL, JSON.stringify({ userId, id })).catch(() => undefined)));
  }

  listen(listener: Listener): () => void {
    this.stop ??= this.transport.subscribe(CHANNEL, (message) => {
      let event: NotificationAdded;
      try {
        event = JSON.parse(message) as NotificationAdded;
      } catch {
        return; // not ours: the channel is shared by prefix only
      }
      for (const each of this.listeners) each(event);
    });
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) {
        this.stop?.();
        this.stop = undefined;
      }
    };
  }
}

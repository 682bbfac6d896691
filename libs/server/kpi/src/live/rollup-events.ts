// Rollup changes cross processes through Redis pub/sub: workers publish, every api
// process relays them to its GraphQL subscribers. An event carries ids only; each
// subscriber reads the figure through its own tenant context.
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig, createRedis } from '@pmo/core';

export interface RollupChanged {
  orgId: string;
  tenantId: string;
  kpiId: string;
  period: string;
}

type Listener = (event: RollupChanged) => void;

@Injectable()
export class RollupEvents implements OnModuleDestroy {
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly listeners = new Set<Listener>();
  private readonly channel: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.channel = `${config.queuePrefix}:rollup-changed`;
  }

  /** Best effort: a subscriber that misses an event still reads the stored figure. */
  async publish(event: RollupChanged): Promise<void> {
    this.publisher ??= createRedis(this.config.redisUrl, 'producer');
    await this.publisher.publish(this.channel, JSON.stringify(event)).catch(() => undefined);
  }

  /** Calls `listener` for every change until the returned function is called. */
  listen(listener: Listener): () => void {
    if (!this.subscriber) {
      this.subscriber = createRedis(this.config.redisUrl, 'consumer');
      void this.subscriber.subscribe(this.channel);
      this.subscriber.on('message', (_channel: string, message: string) => {
        let event: RollupChanged;
        try {
          event = JSON.parse(message) as RollupChanged;
        } catch {
          return; // not ours: the channel is shared by prefix only
        }
        for (const each of this.listeners) each(event);
      });
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onModuleDestroy(): void {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}

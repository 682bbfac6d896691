// Rollup changes cross processes on the transport's pub/sub (Redis, or PostgreSQL's
// LISTEN/NOTIFY): workers publish, every api process relays them to its GraphQL
// subscribers. An event carries ids only; each subscriber reads the figure through its
// own tenant context.
import { Injectable } from '@nestjs/common';
import { Transport } from '@pmo/core';

export interface RollupChanged {
  orgId: string;
  tenantId: string;
  kpiId: string;
  period: string;
}

type Listener = (event: RollupChanged) => void;

const CHANNEL = 'rollup-changed';

@Injectable()
export class RollupEvents {
  private readonly listeners = new Set<Listener>();
  private stop?: () => void;

  constructor(private readonly transport: Transport) {}

  /** Best effort: a subscriber that misses an event still reads the stored figure. */
  async publish(event: RollupChanged): Promise<void> {
    const { orgId, tenantId, kpiId, period } = event;
    await this.transport.publish(CHANNEL, JSON.stringify({ orgId, tenantId, kpiId, period })).catch(() => undefined);
  }

  /** Calls `listener` for every change until the returned function is called. */
  listen(listener: Listener): () => void {
    this.stop ??= this.transport.subscribe(CHANNEL, (message) => {
      let event: RollupChanged;
      try {
        event = JSON.parse(message) as RollupChanged;
      } catch {
        return; // not ours: the channel is shared by prefix only
      }
      for (const each of this.listeners) each(event);
    });
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

// kpiRollupUpdated: the caller must be allowed to read the tenant when subscribing, and
// each change is read back through the subscriber's own tenant context, so a subscriber
// never receives a figure it could not query.
import { Injectable } from '@nestjs/common';
import { GraphqlContext, peekContext, RequestContext, runWithContext, unauthenticated } from '@pmo/core';
import { KpiRollupModel } from '../read/kpi-rollup.model';
import { RollupQueryService } from '../read/rollup-query.service';
import { RollupChanged, RollupEvents } from './rollup-events';

@Injectable()
export class RollupSubscriptions {
  constructor(
    private readonly events: RollupEvents,
    private readonly rollups: RollupQueryService,
  ) {}

  async updates(tenantId: string, graphql: GraphqlContext): Promise<AsyncIterableIterator<{ kpiRollupUpdated: KpiRollupModel }>> {
    const context = graphql.requestContext ?? peekContext();
    if (!context || context.actor.kind !== 'user') throw unauthenticated();
    const fresh = (): RequestContext => ({ requestId: context.requestId, actor: context.actor });
    const id = await runWithContext(fresh(), () => this.rollups.assertReadable(tenantId));
    return this.stream(id, fresh);
  }

  private async *stream(tenantId: string, fresh: () => RequestContext): AsyncIterableIterator<{ kpiRollupUpdated: KpiRollupModel }> {
    const pending: RollupChanged[] = [];
    let wake: (() => void) | undefined;
    const stop = this.events.listen((event) => {
      if (event.tenantId !== tenantId) return;
      pending.push(event);
      wake?.();
    });
    try {
      for (;;) {
        while (!pending.length) await new Promise<void>((resolve) => (wake = resolve));
        const event = pending.shift() as RollupChanged;
        const rollup = await runWithContext(fresh(), () => this.rollups.rollupByNode(event.tenantId, event.kpiId, event.period));
        if (rollup) yield { kpiRollupUpdated: rollup as KpiRollupModel };
      }
    } finally {
      stop();
    }
  }
}

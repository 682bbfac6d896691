// A KPI's rollup at a tenant changing colour in a tick: one outbox event per changed node,
// written in the tick's transaction (RollupEngine) and completed here, which hands it to
// the fan-out (notifications and webhooks). Built-in KPIs (compliance) tell their change
// through their own port (BuiltInRagChanges), whose event has the same type.
import { Injectable, Logger } from '@nestjs/common';
import { defineJob, OnJob, OutboxPayload, OutboxService, TenantDb } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface KpiRagChangedPayload extends OutboxPayload {
  kpiId: string;
  period: string;
  /** Null when the tenant had no figure (or no RAG) before, or has none now. */
  from: string | null;
  to: string | null;
}

/** Named as its event type. The outbox row's id as the job id: a republished job still queued is not added twice. */
export const KPI_RAG_CHANGED_JOB = defineJob<KpiRagChangedPayload>({
  name: 'kpi_rollup.rag_changed',
  queue: QueueName.EVENTS,
  options: ({ outboxId }) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId }),
});

@Injectable()
export class KpiRagChangedHandler {
  private readonly logger = new Logger(KpiRagChangedHandler.name);

  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(KPI_RAG_CHANGED_JOB)
  async ragChanged({ outboxId, tenantId, kpiId, period, from, to }: KpiRagChangedPayload): Promise<void> {
    const fresh = await this.db.transaction((em) => this.outbox.complete(em, outboxId));
    if (fresh) this.logger.log(`KPI ${kpiId} at tenant ${tenantId} in ${period}: ${from ?? 'none'} → ${to ?? 'none'}`);
  }
}

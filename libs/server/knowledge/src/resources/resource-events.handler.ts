// The consumers of the pool's events, for now: each completes its outbox row and logs, so
// the outbox drains. Notifications will act here.
import { Injectable, Logger } from '@nestjs/common';
import { OnJob, OutboxService, TenantDb } from '@pmo/core';
import { ALLOCATION_DECIDED_JOB, ALLOCATION_REQUESTED_JOB, AllocationDecidedPayload, AllocationRequestedPayload } from './resource-events.jobs';

@Injectable()
export class ResourceEventsHandler {
  private readonly logger = new Logger(ResourceEventsHandler.name);

  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(ALLOCATION_REQUESTED_JOB)
  async requested(payload: AllocationRequestedPayload): Promise<void> {
    await this.consume(payload.outboxId, `allocation ${payload.allocationId} of resource ${payload.resourceId} requested for project ${payload.projectId}`);
  }

  @OnJob(ALLOCATION_DECIDED_JOB)
  async decided(payload: AllocationDecidedPayload): Promise<void> {
    await this.consume(payload.outboxId, `allocation ${payload.allocationId} of resource ${payload.resourceId} ${payload.state}`);
  }

  private async consume(outboxId: string, what: string): Promise<void> {
    const fresh = await this.db.transaction((em) => this.outbox.complete(em, outboxId));
    if (fresh) this.logger.log(what);
  }
}

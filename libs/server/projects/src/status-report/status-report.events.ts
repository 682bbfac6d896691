// A submitted status report is a business event, published through the outbox in the
// submission's transaction; its consumer completes the row, which hands the event to the
// fan-out (notifications and webhooks) through core's CompletedEvents port.
import { Injectable } from '@nestjs/common';
import { defineJob, OnJob, OutboxPayload, OutboxService, TenantDb } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface StatusReportSubmittedPayload extends OutboxPayload {
  reportId: string;
  projectId: string;
  period: string;
}

export const STATUS_REPORT_SUBMITTED_JOB = defineJob<StatusReportSubmittedPayload>({
  name: 'status_report.submitted',
  queue: QueueName.EVENTS,
  // The outbox row's id as the job id: a republished job still queued is not added twice.
  options: ({ outboxId }) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId }),
});

@Injectable()
export class StatusReportEvents {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(STATUS_REPORT_SUBMITTED_JOB)
  async submitted(payload: StatusReportSubmittedPayload): Promise<void> {
    await this.db.transaction((em) => this.outbox.complete(em, payload.outboxId));
  }
}

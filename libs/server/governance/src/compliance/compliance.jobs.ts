// Compliance's jobs: the re-evaluation a change asks for (published from the outbox in the
// change's transaction, through core's ComplianceFeed), and the daily re-evaluation of
// what time alone moved (a report falling due or past its grace days, a milestone or an
// action becoming overdue).
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface ComplianceEvaluatePayload extends OutboxPayload {
  /** YYYY-MM. */
  period: string;
  /** The projects of the tenant's subtree to evaluate; null for all of them. */
  projectIds: string[] | null;
}

export const COMPLIANCE_EVALUATE_JOB = defineJob<ComplianceEvaluatePayload>({
  name: 'compliance.evaluate',
  queue: QueueName.EVENTS,
  // The outbox row's id: a republished job that is still queued is not added twice.
  options: ({ outboxId }) => ({ attempts: 8, backoff: { type: 'exponential', delay: 500 }, jobId: outboxId }),
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** A failed run is not retried: the next day's does its work, and every change in between re-evaluates anyway. */
export const COMPLIANCE_DAILY_JOB = defineJob({
  name: 'compliance.daily',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: () => DAY_MS,
});

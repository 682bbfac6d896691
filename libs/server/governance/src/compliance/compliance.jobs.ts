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

/**
 * One job per tenant at a time: it claims every re-evaluation the tenant's outbox holds, so
 * changes while none runs add nothing more, and changes while one runs queue exactly one
 * more, which then claims them. A busy tenant's writes cost one evaluation per tick, not one
 * each.
 */
export const COMPLIANCE_EVALUATE_JOB = defineJob<ComplianceEvaluatePayload>({
  name: 'compliance.evaluate',
  queue: QueueName.EVENTS,
  options: ({ tenantId }) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: 500 },
    deduplication: { id: `compliance:${tenantId}`, keepLastIfActive: true },
  }),
});

/** The projects to evaluate in each period of these requests; null where one asked for the whole subtree. */
export function mergeEvaluations(requests: readonly Pick<ComplianceEvaluatePayload, 'period' | 'projectIds'>[]): Map<string, string[] | null> {
  const periods = new Map<string, Set<string> | null>();
  for (const { period, projectIds } of requests) {
    const projects = periods.get(period);
    if (projects === null) continue;
    if (!projectIds) {
      periods.set(period, null);
      continue;
    }
    const merged = projects ?? new Set<string>();
    for (const projectId of projectIds) merged.add(projectId);
    periods.set(period, merged);
  }
  return new Map([...periods].map(([period, projects]) => [period, projects && [...projects]]));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A failed run is not retried: the next day's does its work, and every change in between re-evaluates anyway. */
export const COMPLIANCE_DAILY_JOB = defineJob({
  name: 'compliance.daily',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: () => DAY_MS,
});

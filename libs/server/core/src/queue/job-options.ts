// Every job's options in one place: attempts, backoff, deduplication and retention.
import type { JobsOptions } from 'bullmq';
import { JobName, JobPayloads } from '@pmo/shared';

const RETAIN = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

/** Housekeeping that runs every SWEEP_INTERVAL_MS: it republishes work Redis lost. */
export const SCHEDULED_JOBS = [JobName.OUTBOX_SWEEP, JobName.ROLLUP_SWEEP] as const;

export function jobOptions<J extends JobName>(name: J, payload: JobPayloads[J]): JobsOptions {
  switch (name) {
    case JobName.ROLLUP_NODE: {
      const { tenantId, kpiId, period } = payload as JobPayloads[JobName.ROLLUP_NODE];
      return {
        ...RETAIN,
        attempts: 8,
        backoff: { type: 'exponential', delay: 200 },
        // One job per node at a time; a change that lands while it runs queues exactly one
        // more run, which then sees that change.
        deduplication: { id: `rollup:${tenantId}:${kpiId}:${period}`, keepLastIfActive: true },
      };
    }
    case JobName.ORGANIZATION_PROVISION:
      return {
        ...RETAIN,
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        jobId: (payload as JobPayloads[JobName.ORGANIZATION_PROVISION]).outboxId,
      };
    case JobName.OUTBOX_SWEEP:
    case JobName.ROLLUP_SWEEP:
      return { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 }, attempts: 1 };
    default:
      throw new Error(`No options for job ${String(name)}`);
  }
}

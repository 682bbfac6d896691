// Every job's options in one place: attempts, backoff, deduplication, retention,
// schedules and how many of a queue's jobs a worker runs at once.
import type { JobsOptions } from 'bullmq';
import { JobName, JobPayloads, QueueName } from '@pmo/shared';

/**
 * A completed job's record is of no further use (its effect is in PostgreSQL, and the
 * worker's per-minute metrics count it), so it goes at once. Failed jobs stay for
 * inspection until the prune job removes them (FAILED_JOB_RETENTION_MS). Retention by
 * age or count is never applied by the finishing job itself: on PostgreSQL that deletes
 * other jobs' rows from many workers at once, and they deadlock.
 */
const RETAIN = { removeOnComplete: true, removeOnFail: false };

/** How long failed jobs stay, per queue: a failed sweep is retried by the next one. */
export const FAILED_JOB_RETENTION_MS: Record<QueueName, number> = {
  [QueueName.EVENTS]: 7 * 24 * 3600_000,
  [QueueName.ROLLUPS]: 7 * 24 * 3600_000,
  [QueueName.MAINTENANCE]: 3600_000,
};
/** Failed jobs removed per queue and prune run. */
export const PRUNE_BATCH = 1000;
const PRUNE_INTERVAL_MS = 10 * 60_000;

/** Housekeeping on a schedule: the sweeps republish work the queue lost; the prune drops old failures. */
export const SCHEDULED_JOBS = [JobName.OUTBOX_SWEEP, JobName.ROLLUP_SWEEP, JobName.QUEUE_PRUNE] as const;

export function scheduleEveryMs(name: (typeof SCHEDULED_JOBS)[number], sweepIntervalMs: number): number {
  return name === JobName.QUEUE_PRUNE ? PRUNE_INTERVAL_MS : sweepIntervalMs;
}

/** Jobs a worker runs at once on `queue`: rollups as configured, the rest two at a time. */
export function queueConcurrency(queue: QueueName, workerConcurrency: number): number {
  return queue === QueueName.ROLLUPS ? workerConcurrency : 2;
}

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
      return { ...RETAIN, attempts: 1 };
    case JobName.QUEUE_PRUNE:
      return { ...RETAIN, attempts: 3, backoff: { type: 'exponential', delay: 1000 } };
    default:
      throw new Error(`No options for job ${String(name)}`);
  }
}

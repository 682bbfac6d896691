// What every job shares, whatever its feature: how long finished jobs are kept, and how
// many of a queue's jobs a worker runs at once. Each job's own options (attempts,
// backoff, deduplication) are in its definition (`*.jobs.ts` beside its handler).
import type { JobsOptions } from 'bullmq';
import { QueueName } from '@pmo/shared';

/**
 * A completed job's record is of no further use (its effect is in PostgreSQL, and the
 * worker's per-minute metrics count it), so it goes at once. Failed jobs stay for
 * inspection until the prune job removes them (FAILED_JOB_RETENTION_MS). Retention by
 * age or count is never applied by the finishing job itself: on PostgreSQL that deletes
 * other jobs' rows from many workers at once, and they deadlock.
 */
export const RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = { removeOnComplete: true, removeOnFail: false };

/** How long failed jobs stay, per queue: a failed sweep is retried by the next one. */
export const FAILED_JOB_RETENTION_MS: Record<QueueName, number> = {
  [QueueName.EVENTS]: 7 * 24 * 3600_000,
  [QueueName.ROLLUPS]: 7 * 24 * 3600_000,
  [QueueName.MAINTENANCE]: 3600_000,
  [QueueName.WEBHOOKS]: 7 * 24 * 3600_000,
};
/** Failed jobs removed per queue and prune run. */
export const PRUNE_BATCH = 1000;

/**
 * Webhook deliveries a worker runs at once: they wait on other systems (up to their
 * timeout each), so a few hanging receivers must leave room for the rest.
 */
export const WEBHOOK_CONCURRENCY = 32;

/** Jobs a worker runs at once on `queue`: rollups as configured, webhooks many, the rest two at a time. */
export function queueConcurrency(queue: QueueName, workerConcurrency: number): number {
  if (queue === QueueName.WEBHOOKS) return WEBHOOK_CONCURRENCY;
  return queue === QueueName.ROLLUPS ? workerConcurrency : 2;
}

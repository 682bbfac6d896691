// A delivery's schedule: 8 attempts; the first retry after WEBHOOK_BACKOFF_MS, each next
// one after twice the last, less up to a quarter at random (jitter) so that receivers
// that failed together are not retried in step. BullMQ's exponential backoff with
// jitter computes exactly this; the same numbers give the log's nextAttemptAt.
import type { JobsOptions } from 'bullmq';

export const DELIVERY_ATTEMPTS = 8;
export const BACKOFF_JITTER = 0.25;

/** The job options of a delivery whose first retry waits `backoffMs`. */
export function deliveryRetries(backoffMs: number): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return { attempts: DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: backoffMs, jitter: BACKOFF_JITTER } };
}

/** The longest wait after the `attempt`-th attempt failed (1-based); the jitter takes up to a quarter off. */
export function retryDelay(attempt: number, backoffMs: number): number {
  return backoffMs * 2 ** (attempt - 1);
}

/** Whether the `attempt`-th attempt (1-based) is the last. */
export function isLastAttempt(attempt: number): boolean {
  return attempt >= DELIVERY_ATTEMPTS;
}

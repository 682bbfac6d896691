// The rollup engine's jobs: the tick that computes every dirty node in micro-batches, a
// node asked for by name, and the sweep that enqueues a tick for marks the queue lost
// (RollupHandler).
import { defineJob, NoPayload, RollupNode } from '@pmo/core';
import { QueueName } from '@pmo/shared';

/**
 * One tick takes every dirty node it can see. A single job id for all of them: changes
 * while none runs add nothing more, and changes while one runs queue exactly one more
 * tick, which then sees them. Writers pay one deduplicated add, never a job per node.
 */
export const ROLLUP_TICK_JOB = defineJob<NoPayload>({
  name: 'rollup.tick',
  queue: QueueName.ROLLUPS,
  options: () => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: 200 },
    deduplication: { id: 'rollup-tick', keepLastIfActive: true },
  }),
});

/** A node recomputed on request (an operator, a test): it runs as a tick of its organization that includes the node. */
export const ROLLUP_NODE_JOB = defineJob<RollupNode>({
  name: 'rollup.node',
  queue: QueueName.ROLLUPS,
  options: ({ tenantId, kpiId, period }) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: 200 },
    deduplication: { id: `rollup:${tenantId}:${kpiId}:${period}`, keepLastIfActive: true },
  }),
});

/** A failed sweep is not retried: the next one does its work. */
export const ROLLUP_SWEEP_JOB = defineJob({
  name: 'maintenance.rollup-sweep',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: (config) => config.sweepIntervalMs,
});

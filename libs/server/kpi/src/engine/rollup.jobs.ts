// The rollup engine's jobs: one node's recomputation, and the sweep that re-enqueues
// dirty marks the queue lost (RollupHandler).
import { defineJob, RollupNode } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export const ROLLUP_NODE_JOB = defineJob<RollupNode>({
  name: 'rollup.node',
  queue: QueueName.ROLLUPS,
  options: ({ tenantId, kpiId, period }) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: 200 },
    // One job per node at a time; a change that lands while it runs queues exactly one
    // more run, which then sees that change.
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

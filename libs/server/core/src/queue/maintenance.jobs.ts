// Core's scheduled housekeeping: the outbox sweep (OutboxService) and the prune of old
// failed jobs (QueuePruner). A failed sweep is not retried: the next one does its work.
import { QueueName } from '@pmo/shared';
import { defineJob } from './job-definition';

export const OUTBOX_SWEEP_JOB = defineJob({
  name: 'maintenance.outbox-sweep',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: (config) => config.sweepIntervalMs,
});

export const QUEUE_PRUNE_JOB = defineJob({
  name: 'maintenance.queue-prune',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 3, backoff: { type: 'exponential', delay: 1000 } }),
  every: (config) => config.queuePruneIntervalMs,
});

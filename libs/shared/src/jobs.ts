// Queue and job names with their typed payloads: the api enqueues, the worker handles.
// Payloads carry ids only, never entity snapshots: a handler reads current rows.

export enum QueueName {
  /** One-off jobs published from the transactional outbox. */
  EVENTS = 'events',
  /** KPI rollup recomputation, one job per dirty (tenant, kpi, period) node. */
  ROLLUPS = 'rollups',
  /** Repeatable housekeeping: outbox and dirty-mark sweeps, pruning of failed jobs. */
  MAINTENANCE = 'maintenance',
}

export enum JobName {
  ORGANIZATION_PROVISION = 'organization.provision',
  ROLLUP_NODE = 'rollup.node',
  OUTBOX_SWEEP = 'maintenance.outbox-sweep',
  ROLLUP_SWEEP = 'maintenance.rollup-sweep',
  QUEUE_PRUNE = 'maintenance.queue-prune',
}

export interface JobPayloads {
  [JobName.ORGANIZATION_PROVISION]: { outboxId: string; tenantId: string; userId: string };
  [JobName.ROLLUP_NODE]: { tenantId: string; kpiId: string; period: string };
  [JobName.OUTBOX_SWEEP]: Record<string, never>;
  [JobName.ROLLUP_SWEEP]: Record<string, never>;
  [JobName.QUEUE_PRUNE]: Record<string, never>;
}

export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  [JobName.ORGANIZATION_PROVISION]: QueueName.EVENTS,
  [JobName.ROLLUP_NODE]: QueueName.ROLLUPS,
  [JobName.OUTBOX_SWEEP]: QueueName.MAINTENANCE,
  [JobName.ROLLUP_SWEEP]: QueueName.MAINTENANCE,
  [JobName.QUEUE_PRUNE]: QueueName.MAINTENANCE,
};

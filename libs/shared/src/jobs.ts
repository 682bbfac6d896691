// The queues the api and the worker share: the api enqueues, the worker runs one BullMQ
// worker per queue, and the migration step prepares each (PostgreSQL backend). Each job's
// name, payload type, options and handler live together in its feature (`*.jobs.ts`).

export enum QueueName {
  /** One-off jobs published from the transactional outbox. */
  EVENTS = 'events',
  /** KPI rollup recomputation, one job per dirty (tenant, kpi, period) node. */
  ROLLUPS = 'rollups',
  /** Repeatable housekeeping: outbox and dirty-mark sweeps, pruning of failed jobs. */
  MAINTENANCE = 'maintenance',
  /** Outbound webhook deliveries: slow receivers wait on their own queue, never on events. */
  WEBHOOKS = 'webhooks',
}

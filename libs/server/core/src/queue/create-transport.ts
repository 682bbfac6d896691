// The one choice of backend, made from the validated config (REDIS_URL set or not).
import { QueueName } from '@pmo/shared';
import type { AppConfig } from '../config/config';
import { queueConcurrency } from './job-options';
import { PostgresTransport } from './postgres-transport';
import { RedisTransport } from './redis-transport';
import type { Transport } from './transport';

export interface TransportOptions {
  queue: AppConfig['queue'];
  prefix: string;
  /** The role this process connects as (PostgreSQL backend only). */
  databaseUrl: string;
  /** Connections for queue work (PostgreSQL backend only). */
  poolSize: number;
}

export function createTransport({ queue, prefix, databaseUrl, poolSize }: TransportOptions): Transport {
  return queue.backend === 'redis' ? new RedisTransport(queue.redisUrl, prefix) : new PostgresTransport(databaseUrl, prefix, poolSize);
}

/**
 * A process's pool for the PostgreSQL backend: the api only adds jobs; a worker also
 * holds one connection per queue while it waits (LISTEN), one per job in hand, and a
 * couple for stalled-job checks and metrics.
 */
export function transportPoolSize(config: Pick<AppConfig, 'databasePoolSize' | 'workerConcurrency'>, kind: 'api' | 'worker'): number {
  if (kind === 'api') return config.databasePoolSize;
  const queues = Object.values(QueueName);
  return queues.reduce((sum, queue) => sum + 1 + queueConcurrency(queue, config.workerConcurrency), 2);
}

import Redis, { RedisOptions } from 'ioredis';

/**
 * Producers fail fast while Redis is down (the outbox and dirty marks keep the work and
 * the sweep publishes it later); workers and subscribers wait and reconnect.
 */
export function createRedis(url: string, role: 'producer' | 'consumer'): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: false }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true };
  const redis = new Redis(url, options);
  // Connection errors are retried by ioredis; without a listener they would crash the process.
  redis.on('error', () => undefined);
  return redis;
}

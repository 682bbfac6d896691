// The production transport: BullMQ on Redis, Redis pub/sub, throttle counters in Redis.
// One producer connection per process (queues, publishing, counters), one per worker
// (BullMQ blocks on it) and one subscriber connection.
import { Processor, Queue, Worker } from 'bullmq';
import Redis, { RedisOptions } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { BullQueue, BullWorker, ChannelListeners, LimiterSettings, MessageListener, Transport, WorkerSettings } from './transport';

/**
 * Producers fail fast while Redis is down (the outbox and dirty marks keep the work and
 * the sweep publishes it later); workers and subscribers wait and reconnect.
 */
function createRedis(url: string, role: 'producer' | 'consumer'): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: false }
      : { maxRetriesPerRequest: null, enableOfflineQueue: true };
  const redis = new Redis(url, options);
  // Connection errors are retried by ioredis; without a listener they would crash the process.
  redis.on('error', () => undefined);
  return redis;
}

export class RedisTransport extends Transport {
  readonly kind = 'redis' as const;
  // Connected at once: a producer connection refuses commands until it is up.
  private readonly producer: Redis;
  private subscriber?: Redis;
  private readonly listeners = new ChannelListeners();
  private readonly workers: BullWorker[] = [];
  /** Workers' own connections: BullMQ leaves connections it was given open. */
  private readonly consumers: Redis[] = [];

  constructor(
    private readonly url: string,
    private readonly prefix: string,
  ) {
    super();
    this.producer = createRedis(url, 'producer');
  }

  queue(name: string): BullQueue {
    const queue = new Queue(name, { connection: this.producer, prefix: this.prefix });
    queue.on('error', () => undefined);
    this.queues.add(queue);
    return queue;
  }

  worker(name: string, processor: Processor, settings: WorkerSettings): BullWorker {
    const connection = createRedis(this.url, 'consumer');
    const worker = new Worker(name, processor, { ...settings, connection, prefix: this.prefix });
    this.consumers.push(connection);
    this.workers.push(worker);
    return worker;
  }

  async ping(): Promise<void> {
    await this.producer.ping();
  }

  async publish(channel: string, message: string): Promise<void> {
    this.checkMessage(message);
    await this.producer.publish(`${this.prefix}:${channel}`, message);
  }

  subscribe(channel: string, listener: MessageListener): () => void {
    const full = `${this.prefix}:${channel}`;
    if (!this.subscriber) {
      this.subscriber = createRedis(this.url, 'consumer');
      this.subscriber.on('message', (from: string, message: string) => this.listeners.deliver(from, message));
    }
    // ioredis re-subscribes by itself after a reconnect.
    if (this.listeners.add(full, listener)) void this.subscriber.subscribe(full).catch(() => undefined);
    return () => {
      if (this.listeners.remove(full, listener)) void this.subscriber?.unsubscribe(full).catch(() => undefined);
    };
  }

  limiter({ keyPrefix, points, duration }: LimiterSettings): RateLimiterAbstract {
    return new RateLimiterRedis({
      storeClient: this.producer,
      keyPrefix: `${this.prefix}:${keyPrefix}`,
      points,
      duration,
      // While Redis is unreachable a per-process limiter stands in: an outage never opens the door.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues].map((queue) => queue.close()));
    for (const redis of [this.producer, ...this.consumers]) redis.disconnect();
    this.subscriber?.disconnect();
  }
}

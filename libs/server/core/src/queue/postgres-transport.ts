// The transport without Redis: BullMQ's PostgreSQL backend (its `bullmq` schema, set up
// by the migration step), LISTEN/NOTIFY for pub/sub, and throttle counters in a table.
// One pg pool per process serves every queue and worker (each worker also keeps one of
// its connections for LISTEN while it waits for jobs), publishing and the counters; one
// more connection of its own listens for messages and comes back after a drop.
import { createPostgresBackend, Processor, Queue, Worker } from 'bullmq';
import { Client, Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import { runOn } from '../database/sql';
import { listen, NOTIFY, QUEUE_PROBE, unlisten } from './postgres-transport.sql';
import { BullQueue, BullWorker, ChannelListeners, LimiterSettings, MessageListener, Transport, WorkerSettings } from './transport';

/** BullMQ's schema: its SQL names tables unqualified and relies on the connection's search_path. */
export const QUEUE_SCHEMA = 'bullmq';
/** The table the throttle's counters live in (migration 1764600000000). */
export const THROTTLE_TABLE = 'throttle_counters';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

/** The process's one LISTEN connection: listens to every channel that has a listener, and comes back after a drop. */
class NotificationListener {
  private client?: Client;
  private connecting = false;
  private retryMs = RECONNECT_MIN_MS;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly listeners: ChannelListeners,
  ) {}

  listen(channel: string): void {
    if (this.client) void runOn(this.client, listen(channel), []).catch(() => undefined);
    else this.connect();
  }

  unlisten(channel: string): void {
    if (this.client) void runOn(this.client, unlisten(channel), []).catch(() => undefined);
  }

  private connect(): void {
    if (this.connecting || this.client || this.closed || this.retry) return;
    this.connecting = true;
    const client = new Client({ connectionString: this.url, keepAlive: true, application_name: 'pmo-hub:listen' });
    client.on('notification', ({ channel, payload }) => this.listeners.deliver(channel, payload ?? ''));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client
      .connect()
      .then(async () => {
        this.client = client;
        // Channels added while connecting are in the list by now; LISTEN is idempotent.
        for (const channel of this.listeners.channels()) await runOn(client, listen(channel), []);
        this.retryMs = RECONNECT_MIN_MS;
      })
      .catch(() => this.lost(client))
      .finally(() => {
        this.connecting = false;
      });
  }

  /** A drop loses what was sent meanwhile (as on Redis): subscribers read current state, so they catch up with the next message. */
  private lost(client: Client): void {
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.listeners.channels().length) this.connect();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

export class PostgresTransport extends Transport {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly listeners = new ChannelListeners();
  private readonly notifications: NotificationListener;
  private readonly workers: BullWorker[] = [];

  constructor(
    url: string,
    private readonly prefix: string,
    poolSize: number,
  ) {
    super();
    this.pool = new Pool({
      connectionString: url,
      max: poolSize,
      options: `-c search_path=${QUEUE_SCHEMA}`,
      // A worker's LISTEN connection comes from this pool: keepalive lets BullMQ notice a silent drop.
      keepAlive: true,
      application_name: 'pmo-hub:queue',
    });
    // Idle connections that drop are replaced on the next checkout; without a listener the error would crash the process.
    this.pool.on('error', () => undefined);
    this.notifications = new NotificationListener(url, this.listeners);
  }

  queue(name: string): BullQueue {
    const queue = new Queue(name, { connection: this.pool }, createPostgresBackend);
    queue.on('error', () => undefined);
    this.queues.add(queue);
    return queue;
  }

  worker(name: string, processor: Processor, settings: WorkerSettings): BullWorker {
    const worker = new Worker(name, processor, { ...settings, connection: this.pool }, createPostgresBackend);
    this.workers.push(worker);
    return worker;
  }

  async ping(): Promise<void> {
    await runOn(this.pool, QUEUE_PROBE, []);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.checkMessage(message);
    await runOn(this.pool, NOTIFY, [`${this.prefix}:${channel}`, message]);
  }

  subscribe(channel: string, listener: MessageListener): () => void {
    const full = `${this.prefix}:${channel}`;
    if (this.listeners.add(full, listener)) this.notifications.listen(full);
    return () => {
      if (this.listeners.remove(full, listener)) this.notifications.unlisten(full);
    };
  }

  limiter({ keyPrefix, points, duration }: LimiterSettings): RateLimiterAbstract {
    return new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      schemaName: 'public',
      tableName: THROTTLE_TABLE,
      // Created by the migrations: the runtime roles may not create tables.
      tableCreated: true,
      keyPrefix,
      points,
      duration,
      // While PostgreSQL is unreachable a per-process limiter stands in: an outage never opens the door.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues].map((queue) => queue.close()));
    await this.notifications.close();
    await this.pool.end();
  }
}

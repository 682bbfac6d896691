// What carries work and news between processes: BullMQ queues and workers, best-effort
// pub/sub, and the throttle's shared counters. The one place that chooses the backend:
// Redis when REDIS_URL is set, else PostgreSQL itself. Everything else (job queue,
// worker host, live rollups, session events, throttling) talks to a Transport and never
// knows which one runs.
import type { OnApplicationShutdown } from '@nestjs/common';
import type { IQueueBackend, JobProgress, Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { QueueSetup } from '../config/config';

export type TransportKind = QueueSetup['backend'];

/** BullMQ's classes over either backend (their type parameters default to Redis's). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BullQueue = Queue<any, any, string, any, any, string, IQueueBackend, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BullWorker = Worker<any, any, string, IQueueBackend, JobProgress, any>;

/** The worker options a caller chooses; the connection is the transport's. */
export type WorkerSettings = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'metrics'>;

export interface LimiterSettings {
  keyPrefix: string;
  points: number;
  duration: number;
}

export type MessageListener = (message: string) => void;

/**
 * PostgreSQL's NOTIFY takes payloads under 8,000 bytes; messages carry ids and the
 * receiver reads the rest, on either backend, so one limit holds for both.
 */
export const MAX_MESSAGE_BYTES = 7999;

export abstract class Transport implements OnApplicationShutdown {
  abstract readonly kind: TransportKind;

  /** Producers made by queue() and not yet released: closed with the transport. */
  protected readonly queues = new Set<BullQueue>();

  /** A producer of `name`, on the process's shared connection. */
  abstract queue(name: string): BullQueue;

  /** Closes a producer made by queue() before the transport closes. */
  async release(queue: BullQueue): Promise<void> {
    this.queues.delete(queue);
    await queue.close();
  }

  abstract worker(name: string, processor: Processor, settings: WorkerSettings): BullWorker;

  /** Resolves when jobs can be added; rejects otherwise. */
  abstract ping(): Promise<void>;

  /**
   * Delivers `message` to every process subscribed to `channel` (prefixed with
   * QUEUE_PREFIX) at the time: best effort, as pub/sub is; the subscribers' state lives
   * in PostgreSQL. Throws when the message is over MAX_MESSAGE_BYTES.
   */
  abstract publish(channel: string, message: string): Promise<void>;

  /** Calls `listener` with each message on `channel` until the returned function is called. */
  abstract subscribe(channel: string, listener: MessageListener): () => void;

  /** A rate limiter whose counters every process shares. */
  abstract limiter(settings: LimiterSettings): RateLimiterAbstract;

  /** Closes every queue and worker it made (workers let their active jobs finish), then its connections. */
  abstract close(): Promise<void>;

  /** Last: the worker host has let active jobs finish before the application shuts down. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  protected checkMessage(message: string): void {
    const bytes = Buffer.byteLength(message);
    if (bytes > MAX_MESSAGE_BYTES)
      throw new Error(`A message of ${bytes} bytes is over the ${MAX_MESSAGE_BYTES}-byte limit: send ids and let receivers read the rest`);
  }
}

/** Subscribers by channel: both transports keep one connection per process and fan messages out here. */
export class ChannelListeners {
  private readonly byChannel = new Map<string, Set<MessageListener>>();

  /** True when this is the channel's first listener (the connection must start listening). */
  add(channel: string, listener: MessageListener): boolean {
    const set = this.byChannel.get(channel) ?? new Set<MessageListener>();
    this.byChannel.set(channel, set.add(listener));
    return set.size === 1;
  }

  /** True when the channel has no listener left. */
  remove(channel: string, listener: MessageListener): boolean {
    const set = this.byChannel.get(channel);
    if (!set?.delete(listener)) return false;
    if (set.size) return false;
    this.byChannel.delete(channel);
    return true;
  }

  channels(): string[] {
    return [...this.byChannel.keys()];
  }

  deliver(channel: string, message: string): void {
    for (const listener of this.byChannel.get(channel) ?? []) {
      try {
        listener(message);
      } catch {
        // one listener's failure is its own; the others still hear the message
      }
    }
  }
}

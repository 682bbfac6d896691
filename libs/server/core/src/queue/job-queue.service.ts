// Enqueues jobs (the api and the worker both produce). Never processes them.
import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '@pmo/shared';
import type { JobDefinition } from './job-definition';
import { BullQueue, Transport } from './transport';

const ENQUEUE_TIMEOUT_MS = 2000;
/** An add that loses a deadlock on PostgreSQL (40P01) is tried again, this many times in all. */
const ENQUEUE_ATTEMPTS = 3;
/** Jobs per bulk add: a sweep's thousands go in several calls, each within the timeout. */
const BULK_SIZE = 500;

@Injectable()
export class JobQueue {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<QueueName, BullQueue>();

  constructor(private readonly transport: Transport) {}

  queue(name: QueueName): BullQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.transport.queue(name);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adds a job; throws when the queue does not take it within a short timeout. */
  add<Payload extends object>(job: JobDefinition<Payload>, payload: Payload): Promise<void> {
    return this.attempt(job, (queue) => queue.add(job.name, payload, job.options(payload)));
  }

  /** Adds jobs in as few calls as their number allows; throws as add does. */
  async addBulk<Payload extends object>(job: JobDefinition<Payload>, payloads: readonly Payload[]): Promise<void> {
    // BullMQ's PostgreSQL backend adds a batch of jobs without deduplication through a
    // temporary table, which the runtime roles may not create: there they go one by one.
    if (this.transport.kind === 'postgres' && payloads.some((payload) => !job.options(payload).deduplication)) {
      for (const payload of payloads) await this.add(job, payload);
      return;
    }
    for (let start = 0; start < payloads.length; start += BULK_SIZE) {
      const entries = payloads.slice(start, start + BULK_SIZE).map((data) => ({ name: job.name, data, opts: job.options(data) }));
      await this.attempt(job, (queue) => queue.addBulk(entries));
    }
  }

  /**
   * Adds jobs whose work is also recorded in PostgreSQL (an outbox row, a dirty mark),
   * where a sweep finds it if the queue does not take them: a failure is only logged.
   */
  async addDurable<Payload extends object>(job: JobDefinition<Payload>, payloads: readonly Payload[]): Promise<void> {
    await this.addBulk(job, payloads).catch((error: unknown) =>
      this.logger.warn(`${payloads.length} ${job.name} not enqueued (the sweep will retry): ${String(error)}`),
    );
  }

  ping(): Promise<void> {
    return this.transport.ping();
  }

  private async attempt<Payload extends object>(job: JobDefinition<Payload>, add: (queue: BullQueue) => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withTimeout(job.name, add(this.queue(job.queue)));
      } catch (error) {
        if ((error as { code?: string }).code === '40P01' && attempt < ENQUEUE_ATTEMPTS) continue;
        this.forget(job.queue);
        throw error;
      }
    }
  }

  private async withTimeout(name: string, adding: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`enqueue of ${name} timed out`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A queue whose add failed is made anew on the next add: on PostgreSQL a queue that
   * could not reach its schema once (the database down at its first add) would otherwise
   * keep that failure for the life of the process.
   */
  private forget(name: QueueName): void {
    const queue = this.queues.get(name);
    this.queues.delete(name);
    if (queue) void this.transport.release(queue).catch(() => undefined);
  }
}

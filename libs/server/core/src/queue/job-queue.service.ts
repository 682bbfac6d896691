// Enqueues jobs (the api and the worker both produce). Never processes them.
import { Injectable, Logger } from '@nestjs/common';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@pmo/shared';
import { jobOptions } from './job-options';
import { BullQueue, Transport } from './transport';

const ENQUEUE_TIMEOUT_MS = 2000;
/** An add that loses a deadlock on PostgreSQL (40P01) is tried again, this many times in all. */
const ENQUEUE_ATTEMPTS = 3;

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
  async add<J extends JobName>(name: J, payload: JobPayloads[J]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.addOnce(name, payload);
      } catch (error) {
        if ((error as { code?: string }).code === '40P01' && attempt < ENQUEUE_ATTEMPTS) continue;
        this.forget(JOB_QUEUE[name]);
        throw error;
      }
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

  private async addOnce<J extends JobName>(name: J, payload: JobPayloads[J]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`enqueue of ${name} timed out`)), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queue(JOB_QUEUE[name]).add(name, payload, jobOptions(name, payload)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Adds a job whose work is also recorded in PostgreSQL: a failure is only logged. */
  async addDurable<J extends JobName>(name: J, payload: JobPayloads[J]): Promise<void> {
    await this.add(name, payload).catch((error: unknown) => this.logger.warn(`${name} not enqueued (the sweep will retry): ${String(error)}`));
  }

  ping(): Promise<void> {
    return this.transport.ping();
  }
}

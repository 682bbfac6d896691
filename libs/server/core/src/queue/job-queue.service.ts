// Enqueues jobs (the api and the worker both produce). Never processes them.
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from '@pmo/shared';
import { APP_CONFIG, AppConfig } from '../config/config';
import { jobOptions } from './job-options';
import { createRedis } from './redis';

const ENQUEUE_TIMEOUT_MS = 2000;

@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createRedis(config.redisUrl, 'producer');
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.config.queuePrefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adds a job; throws when Redis does not take it within a short timeout. */
  async add<J extends JobName>(name: J, payload: JobPayloads[J]): Promise<void> {
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
    await this.add(name, payload).catch((error: unknown) =>
      this.logger.warn(`${name} not enqueued (the sweep will retry): ${String(error)}`),
    );
  }

  ping(): Promise<string> {
    return this.redis.ping();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.redis.disconnect();
  }
}

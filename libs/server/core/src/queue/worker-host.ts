// Runs the BullMQ workers of the worker app. It refuses to start when a job has no
// handler or two, and closes the workers gracefully on shutdown (SIGTERM), before the
// connections close: active jobs finish, nothing new is taken.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, MetricsTime } from 'bullmq';
import { JOB_QUEUE, JobName, QueueName } from '@pmo/shared';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Actor, runWithContext } from '../tenancy/request-context';
import { JOB_HANDLER } from './job-handler';
import { jobOptions, queueConcurrency, SCHEDULED_JOBS, scheduleEveryMs } from './job-options';
import { JobQueue } from './job-queue.service';
import { BullWorker, Transport } from './transport';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

export function checkHandlers(found: Array<[JobName, Handler]>): Map<JobName, Handler> {
  const handlers = new Map<JobName, Handler>();
  for (const [name, handler] of found) {
    if (handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
    handlers.set(name, handler);
  }
  const missing = Object.values(JobName).filter((name) => !handlers.has(name));
  if (missing.length) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  return handlers;
}

@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHost.name);
  private readonly workers: BullWorker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly jobs: JobQueue,
    private readonly transport: Transport,
  ) {}

  private discover(): Array<[JobName, Handler]> {
    const found: Array<[JobName, Handler]> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, prototype[method]);
        if (name) found.push([name, (prototype[method] as Handler).bind(instance)]);
      }
    }
    return found;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Schedules live with the queues; every worker upserts them at boot, which is idempotent.
    for (const name of SCHEDULED_JOBS) {
      await this.jobs
        .queue(JOB_QUEUE[name])
        .upsertJobScheduler(name, { every: scheduleEveryMs(name, this.config.sweepIntervalMs) }, { name, data: {}, opts: jobOptions(name, {}) });
    }
    const handlers = checkHandlers(this.discover());
    for (const queue of Object.values(QueueName)) {
      const worker = this.transport.worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler || JOB_QUEUE[job.name as JobName] !== queue) throw new Error(`Unknown job ${job.name} on ${queue}`);
          // A job acts for the tenant its payload names, and sees that tenant's subtree.
          const tenantId = (job.data as { tenantId?: unknown }).tenantId;
          const actor: Actor = typeof tenantId === 'string' ? { kind: 'system', tenantId } : { kind: 'anonymous' };
          return runWithContext({ requestId: `job:${job.id}`, actor }, () => handler(job.data, job));
        },
        {
          concurrency: queueConcurrency(queue, this.config.workerConcurrency),
          lockDuration: this.config.workerLockMs,
          // Completed/failed counts per minute for a week: what ops and benchmarks read.
          metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
          stalledInterval: this.config.workerLockMs,
        },
      );
      worker.on('failed', (job, error) => this.logger.warn(`${job?.name} ${job?.id} failed: ${error.message}`));
      worker.on('error', (error) => this.logger.warn(`worker ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`processing ${handlers.size} job kinds on ${this.workers.length} queues (${this.transport.kind})`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

// Runs the BullMQ workers of the worker app. It refuses to start when a job defined in
// its code has no handler or two, and closes the workers gracefully on shutdown
// (SIGTERM), before the connections close: active jobs finish, nothing new is taken.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, MetricsTime } from 'bullmq';
import { QueueName } from '@pmo/shared';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Actor, runWithContext } from '../tenancy/request-context';
import { AnyJob, definedJobs } from './job-definition';
import { JOB_HANDLER } from './job-handler';
import { queueConcurrency } from './job-options';
import { JobQueue } from './job-queue.service';
import { BullWorker, Transport } from './transport';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

export interface HandledJob {
  job: AnyJob;
  handler: Handler;
}

/** Each defined job's one handler, by job name; throws naming the jobs with none or with two. */
export function checkHandlers(defined: readonly AnyJob[], found: ReadonlyArray<[AnyJob, Handler]>): Map<string, HandledJob> {
  const handlers = new Map<string, HandledJob>();
  for (const [job, handler] of found) {
    if (handlers.has(job.name)) throw new Error(`Job ${job.name} has two handlers`);
    handlers.set(job.name, { job, handler });
  }
  const missing = defined.filter((job) => !handlers.has(job.name)).map((job) => job.name);
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

  private discover(): Array<[AnyJob, Handler]> {
    const found: Array<[AnyJob, Handler]> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const job = this.reflector.get<AnyJob | undefined>(JOB_HANDLER, prototype[method]);
        if (job) found.push([job, (prototype[method] as Handler).bind(instance)]);
      }
    }
    return found;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = checkHandlers(definedJobs(), this.discover());
    // Schedules live with the queues; every worker upserts them at boot, which is idempotent.
    for (const { job } of handlers.values()) {
      if (!job.every) continue;
      await this.jobs.queue(job.queue).upsertJobScheduler(job.name, { every: job.every(this.config) }, { name: job.name, data: {}, opts: job.options({}) });
    }
    for (const queue of Object.values(QueueName)) {
      const worker = this.transport.worker(
        queue,
        async (job: Job) => {
          const handled = handlers.get(job.name);
          if (handled?.job.queue !== queue) throw new Error(`Unknown job ${job.name} on ${queue}`);
          // A job acts for the tenant its payload names, and sees that tenant's subtree.
          const tenantId = (job.data as { tenantId?: unknown }).tenantId;
          const actor: Actor = typeof tenantId === 'string' ? { kind: 'system', tenantId } : { kind: 'anonymous' };
          return runWithContext({ requestId: `job:${job.id}`, actor }, () => handled.handler(job.data, job));
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

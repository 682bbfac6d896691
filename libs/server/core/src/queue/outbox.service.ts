// The transactional outbox for one-off jobs: the row is written in the caller's
// transaction, the job is published after commit, and the handler deletes the row when
// done. The sweep republishes rows older than the outbox grace period (OUTBOX_GRACE_MS),
// so a job survives the queue being down at commit time or a worker dying mid-job.
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CompletedEvents } from '../ports/completed-events';
import { AfterCommitJobs } from './after-commit-jobs';
import { definedJob, JobDefinition } from './job-definition';
import { OnJob } from './job-handler';
import { JobQueue } from './job-queue.service';
import { OUTBOX_SWEEP_JOB } from './maintenance.jobs';
import type { OutboxPayload } from './outbox.entity';
import { OutboxRepository, RemovedOutboxRow } from './outbox.repository';

const SWEEP_BATCH = 1000;

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly outbox: OutboxRepository,
    private readonly afterCommit: AfterCommitJobs,
    private readonly jobs: JobQueue,
    // Only the worker completes rows, and only when a feature fans events out.
    @Optional() private readonly events?: CompletedEvents,
  ) {}

  async publish<Payload extends OutboxPayload>(
    em: EntityManager,
    orgId: string,
    job: JobDefinition<Payload>,
    payload: Omit<Payload, 'outboxId'>,
  ): Promise<void> {
    const full = { ...payload, outboxId: randomUUID() } as Payload;
    await this.outbox.add(em, { id: full.outboxId, tenantId: full.tenantId, orgId, jobName: job.name, payload: full });
    this.afterCommit.add(em, job, [full]);
  }

  /** Called by a handler inside its transaction; false when the job was already done. */
  async complete(em: EntityManager, outboxId: string): Promise<boolean> {
    const removed = await this.outbox.remove(em, outboxId);
    if (removed) await this.followUp(em, removed);
    return removed !== null;
  }

  /**
   * Called by a handler that does, in its transaction, the work of every row of its job the
   * tenant queued (their jobs deduplicated into one): completes up to `limit` of them and
   * returns their payloads, oldest first.
   */
  async claim<Payload extends OutboxPayload>(em: EntityManager, tenantId: string, job: JobDefinition<Payload>, limit: number): Promise<Payload[]> {
    const removed = await this.outbox.claim(em, tenantId, job.name, limit);
    for (const row of removed) await this.followUp(em, row);
    return removed.map((row) => row.payload as Payload);
  }

  @OnJob(OUTBOX_SWEEP_JOB)
  async sweep(): Promise<number> {
    // Outside any tenant context: the definer function returns every organization's rows.
    const rows = await this.db.unscoped((em) => this.outbox.pending(em, this.config.outboxGraceMs, SWEEP_BATCH));
    const byJob = new Map<string, OutboxPayload[]>();
    for (const { jobName, payload } of rows) byJob.set(jobName, [...(byJob.get(jobName) ?? []), payload]);
    for (const [name, payloads] of byJob) {
      const job = definedJob(name);
      if (job) await this.jobs.addBulk(job, payloads);
      else this.logger.warn(`${payloads.length} outbox rows of unknown job ${name} left alone`);
    }
    return rows.length;
  }

  private async followUp(em: EntityManager, removed: RemovedOutboxRow): Promise<void> {
    const next = this.events?.followUp(removed);
    if (next) await this.publish(em, removed.orgId, next.job, next.payload);
  }
}

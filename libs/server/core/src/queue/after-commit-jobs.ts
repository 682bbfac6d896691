// Jobs a transaction asks for, enqueued once it has committed: everything one transaction
// adds goes in one bulk add per job (each payload once), not one awaited add per item.
// Only for work the transaction also records in PostgreSQL (outbox rows, dirty marks):
// if the queue does not take the jobs, the commit stands and a sweep enqueues them.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import type { AnyJob, JobDefinition } from './job-definition';
import { JobQueue } from './job-queue.service';

/** Payloads by job, each payload once (by its JSON). */
type Batch = Map<AnyJob, Map<string, object>>;

@Injectable()
export class AfterCommitJobs {
  /** By the transaction's manager: a retried transaction has a new one, and its abandoned batch goes with it. */
  private readonly batches = new WeakMap<EntityManager, Batch>();

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobQueue,
  ) {}

  /** Enqueues `payloads` once the open transaction that `em` belongs to commits (never on rollback). */
  add<Payload extends object>(em: EntityManager, job: JobDefinition<Payload>, payloads: readonly Payload[]): void {
    if (!payloads.length) return;
    let batch = this.batches.get(em);
    if (!batch) {
      const opened: Batch = new Map();
      this.db.afterCommit(() => this.flush(em, opened));
      this.batches.set(em, opened);
      batch = opened;
    }
    const forJob = batch.get(job) ?? new Map<string, object>();
    batch.set(job, forJob);
    for (const payload of payloads) forJob.set(JSON.stringify(payload), payload);
  }

  private async flush(em: EntityManager, batch: Batch): Promise<void> {
    this.batches.delete(em);
    // One bulk add per job, all at once: a write's rollup tick and its events go out together.
    await Promise.all([...batch].map(([job, payloads]) => this.jobs.addDurable(job, [...payloads.values()])));
  }
}

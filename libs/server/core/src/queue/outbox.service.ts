// The transactional outbox for one-off jobs: the row is written in the caller's
// transaction, the job is published after commit, and the handler deletes the row when
// done. The sweep republishes rows older than OUTBOX_GRACE, so a job survives the queue
// being down at commit time or a worker dying mid-job.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from '@pmo/shared';
import { TenantDb } from '../database/tenant-db';
import { OnJob } from './job-handler';
import { JobQueue } from './job-queue.service';

type OutboxJob = { [J in JobName]: JobPayloads[J] extends { outboxId: string } ? J : never }[JobName];
const OUTBOX_GRACE = '30 seconds';

@Injectable()
export class OutboxService {
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobQueue,
  ) {}

  async publish<J extends OutboxJob>(em: EntityManager, orgId: string, name: J, payload: Omit<JobPayloads[J], 'outboxId'>): Promise<void> {
    const outboxId = randomUUID();
    const full = { ...payload, outboxId } as JobPayloads[J];
    await em.query('INSERT INTO outbox (id, tenant_id, org_id, job_name, payload) VALUES ($1, $2, $3, $4, $5)', [outboxId, full.tenantId, orgId, name, full]);
    this.db.afterCommit(() => this.jobs.addDurable(name, full));
  }

  /** Called by a handler inside its transaction; false when the job was already done. */
  async complete(em: EntityManager, outboxId: string): Promise<boolean> {
    const [, deleted] = await em.query('DELETE FROM outbox WHERE id = $1', [outboxId]);
    return deleted > 0;
  }

  @OnJob(JobName.OUTBOX_SWEEP)
  async sweep(): Promise<number> {
    const rows: Array<{ job_name: OutboxJob; payload: JobPayloads[OutboxJob] }> = await this.db.unscoped(
      'SELECT job_name, payload FROM pmo_outbox_pending($1::interval, 1000)',
      [OUTBOX_GRACE],
    );
    for (const row of rows) await this.jobs.add(row.job_name, row.payload);
    return rows.length;
  }
}

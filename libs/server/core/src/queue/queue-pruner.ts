// Removes failed jobs once their retention has passed (FAILED_JOB_RETENTION_MS), in
// batches, from one scheduled job at a time: unlike retention applied by each finishing
// job, nothing else deletes job rows concurrently, so it cannot deadlock on PostgreSQL.
import { Injectable } from '@nestjs/common';
import { QueueName } from '@pmo/shared';
import { OnJob } from './job-handler';
import { FAILED_JOB_RETENTION_MS, PRUNE_BATCH } from './job-options';
import { JobQueue } from './job-queue.service';
import { QUEUE_PRUNE_JOB } from './maintenance.jobs';

@Injectable()
export class QueuePruner {
  constructor(private readonly jobs: JobQueue) {}

  @OnJob(QUEUE_PRUNE_JOB)
  async prune(): Promise<number> {
    let removed = 0;
    for (const queue of Object.values(QueueName)) removed += await this.pruneFailed(queue, FAILED_JOB_RETENTION_MS[queue]);
    return removed;
  }

  /** Failed jobs of `queue` that finished more than `olderThanMs` ago, up to PRUNE_BATCH of them. */
  async pruneFailed(queue: QueueName, olderThanMs: number): Promise<number> {
    return (await this.jobs.queue(queue).clean(olderThanMs, PRUNE_BATCH, 'failed')).length;
  }
}

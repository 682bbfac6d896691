// The worker's rollup jobs: one node at a time, and the sweep that re-enqueues dirty
// marks left behind (the queue down at commit time, a worker killed mid-job).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, OnJob, RollupNode, TenantDb } from '@pmo/core';
import { RollupEngine } from './rollup-engine.service';
import { ROLLUP_NODE_JOB, ROLLUP_SWEEP_JOB } from './rollup.jobs';
import { RollupRepository } from './rollup.repository';

const SWEEP_BATCH = 5000;

@Injectable()
export class RollupHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: RollupEngine,
    private readonly db: TenantDb,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobQueue,
  ) {}

  @OnJob(ROLLUP_NODE_JOB)
  async node(payload: RollupNode): Promise<{ changed: number }> {
    return this.engine.recompute(payload);
  }

  @OnJob(ROLLUP_SWEEP_JOB)
  async sweep(): Promise<number> {
    // Outside any tenant context: the definer function returns every organization's marks.
    // Younger marks are left to the jobs already enqueued for them.
    const marks = await this.db.unscoped((em) => this.rollups.pendingMarks(em, this.config.rollupSweepGraceMs, SWEEP_BATCH));
    await this.jobs.addBulk(ROLLUP_NODE_JOB, marks);
    return marks.length;
  }
}

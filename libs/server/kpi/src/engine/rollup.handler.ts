// The worker's rollup jobs: one node at a time, and the sweep that re-enqueues dirty
// marks left behind (the queue down at commit time, a worker killed mid-job).
import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@pmo/shared';
import { JobQueue, OnJob, TenantDb } from '@pmo/core';
import { RollupEngine } from './rollup-engine.service';

/** Marks younger than this are left to the jobs already enqueued for them. */
const SWEEP_GRACE = '5 seconds';
const SWEEP_BATCH = 5000;

@Injectable()
export class RollupHandler {
  constructor(
    private readonly engine: RollupEngine,
    private readonly db: TenantDb,
    private readonly jobs: JobQueue,
  ) {}

  @OnJob(JobName.ROLLUP_NODE)
  async node(payload: JobPayloads[JobName.ROLLUP_NODE]): Promise<{ changed: number }> {
    return this.engine.recompute(payload);
  }

  @OnJob(JobName.ROLLUP_SWEEP)
  async sweep(): Promise<number> {
    const marks: Array<JobPayloads[JobName.ROLLUP_NODE]> = await this.db.unscoped(
      'SELECT tenant_id AS "tenantId", kpi_id AS "kpiId", period FROM pmo_dirty_pending($1::interval, $2)',
      [SWEEP_GRACE, SWEEP_BATCH],
    );
    for (const mark of marks) await this.jobs.add(JobName.ROLLUP_NODE, mark);
    return marks.length;
  }
}

// The worker's rollup jobs: the tick, a node asked for by name, and the sweep that
// enqueues a tick for dirty marks left behind (the queue down at commit time, a worker
// killed mid-tick).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, JobQueue, OnJob, RollupNode, TenantDb } from '@pmo/core';
import { RollupEngine, TickResult } from './rollup-engine.service';
import { ROLLUP_NODE_JOB, ROLLUP_SWEEP_JOB, ROLLUP_TICK_JOB } from './rollup.jobs';
import { RollupRepository } from './rollup.repository';

@Injectable()
export class RollupHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: RollupEngine,
    private readonly db: TenantDb,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobQueue,
  ) {}

  @OnJob(ROLLUP_TICK_JOB)
  tick(): Promise<TickResult> {
    return this.engine.tick();
  }

  @OnJob(ROLLUP_NODE_JOB)
  node(payload: RollupNode): Promise<TickResult> {
    return this.engine.node(payload);
  }

  @OnJob(ROLLUP_SWEEP_JOB)
  async sweep(): Promise<number> {
    // Outside any tenant context: the definer function names every organization with marks.
    // Younger marks are left to the tick already enqueued for them.
    const organizations = await this.db.unscoped((em) => this.rollups.dirtyOrganizations(em, this.config.rollupSweepGraceMs));
    if (organizations.length) await this.jobs.add(ROLLUP_TICK_JOB, {});
    return organizations.length;
  }
}

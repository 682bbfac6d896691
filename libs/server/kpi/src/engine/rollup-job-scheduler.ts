// The kpi library's side of core's RollupScheduler port: the nodes other features ask
// for become rollup node jobs, enqueued in one bulk add after their transaction commits.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AfterCommitJobs, RollupNode, RollupScheduler } from '@pmo/core';
import { ROLLUP_NODE_JOB } from './rollup.jobs';

@Injectable()
export class RollupJobScheduler extends RollupScheduler {
  constructor(private readonly afterCommit: AfterCommitJobs) {
    super();
  }

  scheduleAfterCommit(em: EntityManager, nodes: readonly RollupNode[]): void {
    // Only the node's key: the payload is compared (and deduplicated) by its JSON.
    this.afterCommit.add(
      em,
      ROLLUP_NODE_JOB,
      nodes.map(({ tenantId, kpiId, period }) => ({ tenantId, kpiId, period })),
    );
  }
}

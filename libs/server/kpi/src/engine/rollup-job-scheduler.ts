// The kpi library's side of core's RollupScheduler port: a transaction that marked nodes
// dirty asks for a rollup tick once it commits. The tick takes every dirty node, so the
// nodes need not travel: one deduplicated add per transaction, whatever it touched.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AfterCommitJobs, RollupNode, RollupScheduler } from '@pmo/core';
import { ROLLUP_TICK_JOB } from './rollup.jobs';

@Injectable()
export class RollupJobScheduler extends RollupScheduler {
  constructor(private readonly afterCommit: AfterCommitJobs) {
    super();
  }

  scheduleAfterCommit(em: EntityManager, nodes: readonly RollupNode[]): void {
    if (nodes.length) this.afterCommit.add(em, ROLLUP_TICK_JOB, [{}]);
  }
}

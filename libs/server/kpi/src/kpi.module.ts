// KPI rollups: the engine that keeps every tenant's subtree figures exact and fresh,
// the read model (rollups, trend, drill-down, freshness) and the live subscription.
import { Global, Module } from '@nestjs/common';
import { RollupScheduler } from '@pmo/core';
import { KpiRagChangedHandler } from './engine/rag-changed';
import { RollupEngine } from './engine/rollup-engine.service';
import { RollupJobScheduler } from './engine/rollup-job-scheduler';
import { RollupHandler } from './engine/rollup.handler';
import { RollupRepository } from './engine/rollup.repository';
import { RollupEvents } from './live/rollup-events';
import { RollupSubscriptions } from './live/rollup-subscriptions';
import { RollupAdminService } from './read/rollup-admin.service';
import { RollupQueryService } from './read/rollup-query.service';
import { RollupReadRepository } from './read/rollup-read.repository';
import { RollupResolver } from './read/rollup.resolver';

/** The rollup node jobs other features ask for (core's RollupScheduler), for every module of the api. */
@Global()
@Module({ providers: [{ provide: RollupScheduler, useClass: RollupJobScheduler }], exports: [RollupScheduler] })
export class RollupSchedulingModule {}

@Module({
  imports: [RollupSchedulingModule],
  providers: [RollupEvents, RollupReadRepository, RollupQueryService, RollupAdminService, RollupSubscriptions, RollupResolver],
})
export class KpiModule {}

/** The worker side: rollup jobs and the sweep, all through the engine's statements, and the consumer of KPI RAG changes. */
@Module({ providers: [RollupEvents, RollupRepository, RollupEngine, RollupHandler, KpiRagChangedHandler] })
export class KpiJobsModule {}

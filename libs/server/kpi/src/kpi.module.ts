// KPI rollups: the engine that keeps every tenant's subtree figures exact and fresh,
// the read model (rollups, trend, drill-down, freshness) and the live subscription.
import { Module } from '@nestjs/common';
import { RollupEngine } from './engine/rollup-engine.service';
import { RollupHandler } from './engine/rollup.handler';
import { RollupEvents } from './live/rollup-events';
import { RollupSubscriptions } from './live/rollup-subscriptions';
import { RollupAdminService } from './read/rollup-admin.service';
import { RollupQueryService } from './read/rollup-query.service';
import { RollupResolver } from './read/rollup.resolver';

@Module({
  providers: [RollupEvents, RollupQueryService, RollupAdminService, RollupSubscriptions, RollupResolver],
})
export class KpiModule {}

/** The worker side: rollup jobs and the sweep. */
@Module({ providers: [RollupEvents, RollupEngine, RollupHandler] })
export class KpiJobsModule {}

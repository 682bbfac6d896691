import { Args, Context, Float, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { GraphqlContext, KpiDefinitionModel, TenantModel, TenantReader } from '@pmo/core';
import { RollupAdminService } from './rollup-admin.service';
import { KpiDrilldownModel, KpiRollupModel, RollupFreshnessModel, RollupRebuildModel } from './kpi-rollup.model';
import { RollupQueryService } from './rollup-query.service';
import { rollupId, showableFigure } from './rollup-fields';
import { RollupSubscriptions } from '../live/rollup-subscriptions';

@Resolver(() => KpiRollupModel)
export class RollupResolver {
  constructor(
    private readonly rollups: RollupQueryService,
    private readonly admin: RollupAdminService,
    private readonly live: RollupSubscriptions,
    private readonly tenants: TenantReader,
  ) {}

  @Query(() => KpiRollupModel, { nullable: true })
  kpiRollup(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('kpiKey') kpiKey: string, @Args('period') period: string) {
    return this.rollups.rollup(tenantId, kpiKey, period);
  }

  @Query(() => [KpiRollupModel])
  kpiRollups(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('period') period: string) {
    return this.rollups.rollups(tenantId, period);
  }

  @Query(() => [KpiRollupModel], { description: 'One KPI at a tenant over a range of periods (YYYY-MM, inclusive).' })
  kpiRollupTrend(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('kpiKey') kpiKey: string, @Args('from') from: string, @Args('to') to: string) {
    return this.rollups.trend(tenantId, kpiKey, from, to);
  }

  @Query(() => KpiDrilldownModel)
  kpiRollupDrilldown(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('kpiKey') kpiKey: string, @Args('period') period: string) {
    return this.rollups.drilldown(tenantId, kpiKey, period);
  }

  @Query(() => RollupFreshnessModel)
  rollupFreshness(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.rollups.freshness(tenantId);
  }

  @Mutation(() => RollupRebuildModel, { description: 'Recomputes every rollup of the organization (ORG_ADMIN at its hub).' })
  rebuildRollups(@Args('hubId', { type: () => ID }) hubId: string) {
    return this.admin.rebuild(hubId);
  }

  @Subscription(() => KpiRollupModel, {
    description: 'Fires when a rollup at this tenant (any KPI) is recomputed and its value changed.',
  })
  kpiRollupUpdated(@Args('tenantId', { type: () => ID }) tenantId: string, @Context() context: GraphqlContext) {
    return this.live.updates(tenantId, context);
  }

  @ResolveField(() => ID, {
    description: 'Stable for one tenant, KPI and period: a client cache updates the figure in place when kpiRollupUpdated delivers it',
  })
  id(@Parent() rollup: KpiRollupModel) {
    return rollupId(rollup);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: 'null when no project in the subtree reported that period (and, with an error on this field, when the stored figure does not fit a double)',
  })
  value(@Parent() rollup: KpiRollupModel) {
    return showableFigure(rollup.figure);
  }

  @ResolveField(() => TenantModel)
  tenant(@Parent() rollup: KpiRollupModel) {
    return this.tenants.load(rollup.tenantId);
  }

  @ResolveField(() => KpiDefinitionModel)
  kpi(@Parent() rollup: KpiRollupModel) {
    return this.rollups.kpi(rollup.kpiId);
  }
}

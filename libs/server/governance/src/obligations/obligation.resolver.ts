import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType, TenantModel, TenantReader } from '@pmo/core';
import { ProjectCards } from '../common/project-cards';
import { ReportingObligationModel, ReportingSummaryModel, WaiveObligationArgs } from './obligation.model';
import { ObligationState } from './obligation.rules';
import { ObligationService } from './obligation.service';

@Resolver(() => ReportingObligationModel)
export class ObligationResolver {
  constructor(
    private readonly obligations: ObligationService,
    private readonly projects: ProjectCards,
  ) {}

  @Query(() => [ReportingObligationModel], {
    description: "The obligations of the projects of a tenant's whole subtree for one period, as of an instant (now by default).",
  })
  reportingObligations(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('period', { description: 'YYYY-MM' }) period: string,
    @Args('states', { type: () => [ObligationState], nullable: true }) states?: ObligationState[] | null,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
  ) {
    return this.obligations.list(tenantId, period, states, asOf);
  }

  @Mutation(() => ReportingObligationModel, { description: "PMO_LEAD or above of the project's tenant or an ancestor; not for a report already submitted." })
  waiveReportingObligation(@Args() args: WaiveObligationArgs) {
    return this.obligations.waive(args);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() obligation: ReportingObligationModel) {
    return this.projects.load(obligation.projectId);
  }
}

@Resolver(() => ReportingSummaryModel)
export class ReportingSummaryResolver {
  constructor(
    private readonly obligations: ObligationService,
    private readonly tenants: TenantReader,
  ) {}

  @Query(() => ReportingSummaryModel)
  reportingSummary(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('period', { description: 'YYYY-MM' }) period: string,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
  ) {
    return this.obligations.summary(tenantId, period, asOf);
  }

  @ResolveField(() => TenantModel)
  tenant(@Parent() summary: ReportingSummaryModel) {
    return this.tenants.load(summary.tenantId);
  }
}

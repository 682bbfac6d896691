import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType } from '@pmo/core';
import { ProjectCards } from '../common/project-cards';
import { PortfolioDecisionConnectionModel, PortfolioDecisionModel, RecordDecisionInput } from './decision.model';
import { DecisionService } from './decision.service';

@Resolver(() => PortfolioDecisionModel)
export class DecisionResolver {
  constructor(
    private readonly decisionService: DecisionService,
    private readonly projects: ProjectCards,
  ) {}

  @Query(() => PortfolioDecisionConnectionModel, { description: "The decisions on the projects of a tenant's whole subtree, newest first." })
  decisions(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 200; 50 by default' }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.decisionService.list(tenantId, first, after);
  }

  @Mutation(() => PortfolioDecisionModel)
  recordDecision(@Args('input') input: RecordDecisionInput) {
    return this.decisionService.record(input);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() decision: PortfolioDecisionModel) {
    return this.projects.load(decision.projectId);
  }
}

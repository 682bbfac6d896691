// Fields governance adds to types other features own, resolved by name (see graphql-types.ts).
import { Parent, ResolveField } from '@nestjs/graphql';
import { DecisionService } from '../decisions/decision.service';
import { PortfolioDecisionModel } from '../decisions/decision.model';
import { GateReviewModel } from '../gate-reviews/gate-review.model';
import { GateReviewService } from '../gate-reviews/gate-review.service';
import { ResolverOfType } from '@pmo/core';

@ResolverOfType('Project')
export class ProjectGovernanceResolver {
  constructor(
    private readonly gateReviewService: GateReviewService,
    private readonly decisionService: DecisionService,
  ) {}

  @ResolveField(() => [GateReviewModel], { description: 'Oldest first' })
  gateReviews(@Parent() project: { id: string }) {
    return this.gateReviewService.forProject(project.id);
  }

  @ResolveField(() => [PortfolioDecisionModel], { description: 'Oldest first' })
  decisions(@Parent() project: { id: string }) {
    return this.decisionService.forProject(project.id);
  }
}

// Fields governance adds to types other features own, resolved by name (see graphql-types.ts).
import { Int, Parent, ResolveField } from '@nestjs/graphql';
import { DecisionService } from '../decisions/decision.service';
import { PortfolioDecisionModel } from '../decisions/decision.model';
import { GateReviewModel } from '../gate-reviews/gate-review.model';
import { DEFAULT_QUORUM } from '../gate-reviews/gate-review.rules';
import { GateReviewService } from '../gate-reviews/gate-review.service';
import { DEFAULT_GRACE_DAYS } from '../obligations/obligation.rules';
import { ResolverOfType } from './graphql-types';

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

/** Until standards stores a cadence's grace days, every cadence has the default. */
@ResolverOfType('ReportingCadence')
export class ReportingCadenceGovernanceResolver {
  @ResolveField(() => Int, { description: 'Days a report is LATE after its due time before it is MISSING' })
  graceDays(@Parent() cadence: { graceDays?: number }) {
    return cadence.graceDays ?? DEFAULT_GRACE_DAYS;
  }
}

/** Until standards stores a gate's quorum, every gate has the default. */
@ResolverOfType('PhaseGate')
export class PhaseGateGovernanceResolver {
  @ResolveField(() => Int, { description: 'Votes that decide a review of the gate' })
  quorum(@Parent() gate: { quorum?: number }) {
    return gate.quorum ?? DEFAULT_QUORUM;
  }
}

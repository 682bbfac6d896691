import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType } from '@pmo/core';
import { ProjectCards } from '../common/project-cards';
import { GateCriterionModel, GateReviewModel, GateVoteModel, SubmitGateReviewInput, VoteOnGateReviewInput } from './gate-review.model';
import { GateReviewService } from './gate-review.service';

@Resolver(() => GateReviewModel)
export class GateReviewResolver {
  constructor(
    private readonly reviews: GateReviewService,
    private readonly projects: ProjectCards,
  ) {}

  @Mutation(() => GateReviewModel, { description: 'The gate that ends the project’s current phase; one open review per gate.' })
  submitGateReview(@Args('input') input: SubmitGateReviewInput) {
    return this.reviews.submit(input);
  }

  @Mutation(() => GateReviewModel)
  voteOnGateReview(@Args('input') input: VoteOnGateReviewInput) {
    return this.reviews.vote(input);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() review: GateReviewModel) {
    return this.projects.load(review.projectId);
  }

  @ResolveField(() => [GateCriterionModel])
  criteria(@Parent() review: GateReviewModel) {
    return this.reviews.criteria(review.id);
  }

  @ResolveField(() => [GateVoteModel])
  votes(@Parent() review: GateReviewModel) {
    return this.reviews.votes(review.id);
  }
}

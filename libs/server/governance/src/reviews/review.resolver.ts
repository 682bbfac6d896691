import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType } from '@pmo/core';
import { ProjectCards } from '../common/project-cards';
import { AddCorrectiveActionInput, AddFindingInput, CorrectiveActionModel, FindingModel, PlanReviewInput, ProjectReviewModel } from './review.model';
import { ReviewState } from './review.rules';
import { ReviewService } from './review.service';

@Resolver(() => ProjectReviewModel)
export class ProjectReviewResolver {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly projects: ProjectCards,
  ) {}

  @Query(() => [ProjectReviewModel], { description: "The reviews of the projects of a tenant's whole subtree." })
  reviews(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('states', { type: () => [ReviewState], nullable: true }) states?: ReviewState[] | null,
  ) {
    return this.reviewService.list(tenantId, states);
  }

  @Query(() => [ProjectReviewModel], { description: 'The open reviews the caller leads or staffs, wherever they sit in the organization.' })
  myReviews() {
    return this.reviewService.mine();
  }

  @Mutation(() => ProjectReviewModel, {
    description: "PMO_LEAD or above of the project's tenant or an ancestor plans it; the team follows the kind's independence rule.",
  })
  planReview(@Args('input') input: PlanReviewInput) {
    return this.reviewService.plan(input);
  }

  @Mutation(() => FindingModel, { description: "By the review's lead or a reviewer, while it is open." })
  addFinding(@Args('input') input: AddFindingInput) {
    return this.reviewService.addFinding(input);
  }

  @Mutation(() => ProjectReviewModel, { description: "By the review's lead." })
  closeReview(@Args('id', { type: () => ID }) id: string) {
    return this.reviewService.close(id);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() review: ProjectReviewModel) {
    return this.projects.load(review.projectId);
  }

  @ResolveField(() => [ID], { description: 'Besides the lead' })
  reviewerIds(@Parent() review: ProjectReviewModel) {
    return this.reviewService.reviewerIds(review.id);
  }

  @ResolveField(() => [FindingModel])
  findings(@Parent() review: ProjectReviewModel) {
    return this.reviewService.findings(review.id);
  }
}

@Resolver(() => FindingModel)
export class FindingResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveField(() => [CorrectiveActionModel])
  actions(@Parent() finding: FindingModel) {
    return this.reviews.findingActions(finding.id);
  }
}

@Resolver(() => CorrectiveActionModel)
export class CorrectiveActionResolver {
  constructor(
    private readonly reviews: ReviewService,
    private readonly projects: ProjectCards,
  ) {}

  @Query(() => [CorrectiveActionModel], { description: "The corrective actions of the projects of a tenant's whole subtree, by due date." })
  correctiveActions(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('overdueOnly', { type: () => Boolean, nullable: true }) overdueOnly?: boolean | null,
  ) {
    return this.reviews.listActions(tenantId, overdueOnly);
  }

  @Mutation(() => CorrectiveActionModel, { description: "By the review's lead or a reviewer, while the review is open." })
  addCorrectiveAction(@Args('input') input: AddCorrectiveActionInput) {
    return this.reviews.addAction(input);
  }

  @Mutation(() => CorrectiveActionModel, { description: "DONE: by its owner or a PROJECT_MANAGER or above of the project's tenant." })
  completeCorrectiveAction(@Args('id', { type: () => ID }) id: string) {
    return this.reviews.completeAction(id);
  }

  @Mutation(() => CorrectiveActionModel, {
    description: "VERIFIED: a finding's action by the review's lead, a gate condition by a PMO_LEAD or above; never by the action's owner.",
  })
  verifyCorrectiveAction(@Args('id', { type: () => ID }) id: string) {
    return this.reviews.verifyAction(id);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() action: CorrectiveActionModel) {
    return this.projects.load(action.projectId);
  }
}

// Fields lessons add to types other features own, resolved by name: a project's statement
// that it has no lesson, and a gate review's lessons from elsewhere in the organization.
import { Args, Int, Parent, ResolveField } from '@nestjs/graphql';
import { ResolverOfType } from '@pmo/core';
import { LessonHitModel } from './lesson.model';
import { LessonService } from './lesson.service';

@ResolverOfType('Project')
export class ProjectLessonsResolver {
  constructor(private readonly lessons: LessonService) {}

  @ResolveField(() => String, { nullable: true, description: 'Why the project has no lesson to record, as its manager stated (declareNoLessons)' })
  noLessonsReason(@Parent() project: { id: string }) {
    return this.lessons.noLessonsReason(project.id);
  }
}

@ResolverOfType('GateReview')
export class GateReviewLessonsResolver {
  constructor(private readonly lessons: LessonService) {}

  @ResolveField(() => [LessonHitModel], {
    description:
      "Published lessons of this gate's phase from the organization's other projects that the caller may see, the most relevant to this project (its name and description) first.",
  })
  relevantLessons(
    @Parent() review: { projectId: string; phase: string },
    @Args('first', { type: () => Int, nullable: true, defaultValue: 5, description: '1 to 100' }) first?: number | null,
  ) {
    return this.lessons.relevantToGate(review.projectId, review.phase, first);
  }
}

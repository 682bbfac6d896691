import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { CalendarDate, OptionalText, Text } from '@pmo/core';
import { ActionState, FindingSeverity, ReviewKind, ReviewState } from './review.rules';

registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  description:
    "AUDIT: led by a PMO_LEAD or above of a tenant strictly above the project's. PEER_REVIEW: lead and reviewers belong to the organization but hold no membership covering the project's tenant. HEALTH_CHECK: led by a PMO_LEAD or above of the project's tenant or an ancestor.",
});
registerEnumType(ReviewState, { name: 'ReviewState', description: 'A PLANNED review reads IN_PROGRESS from its planned day or its first finding.' });
registerEnumType(FindingSeverity, { name: 'FindingSeverity' });
registerEnumType(ActionState, { name: 'ActionState' });

@ObjectType('CorrectiveAction', {
  description:
    "From a review's finding or a gate review's conditions. Its owner or the project's managers complete it; the review's lead verifies it, never its owner.",
})
export class CorrectiveActionModel {
  @Field(() => ID) id: string;
  @Field() description: string;
  @Field(() => ID, { nullable: true }) ownerId: string | null;
  @Field({ description: 'YYYY-MM-DD' }) dueDate: string;
  @Field(() => ActionState) state: ActionState;
  @Field({ description: 'Not DONE or VERIFIED and past its due date (UTC)' }) overdue: boolean;
  projectId: string;
}

@ObjectType('Finding')
export class FindingModel {
  @Field(() => ID) id: string;
  @Field(() => FindingSeverity) severity: FindingSeverity;
  @Field() title: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType('ProjectReview', { description: 'Closes only when every action of its HIGH and CRITICAL findings is VERIFIED.' })
export class ProjectReviewModel {
  @Field(() => ID) id: string;
  @Field(() => ReviewKind) kind: ReviewKind;
  @Field(() => ReviewState) state: ReviewState;
  @Field(() => ID) leadId: string;
  @Field({ description: 'YYYY-MM-DD' }) plannedFor: string;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  projectId: string;
}

@InputType()
export class PlanReviewInput {
  @Field(() => ID) projectId: string;
  @Field(() => ReviewKind) kind: ReviewKind;
  @Field({ description: 'YYYY-MM-DD' }) @CalendarDate() plannedFor: string;
  @Field(() => ID) leadId: string;
  @Field(() => [ID], { nullable: true, description: 'Up to 20, besides the lead' }) @IsOptional() @ArrayMaxSize(20) reviewerIds?: string[] | null;
}

@InputType()
export class AddFindingInput {
  @Field(() => ID) reviewId: string;
  @Field(() => FindingSeverity) severity: FindingSeverity;
  @Field() @Text(200) title: string;
  @Field(() => String, { nullable: true }) @OptionalText(10000) description?: string | null;
}

@InputType()
export class AddCorrectiveActionInput {
  @Field(() => ID) findingId: string;
  @Field() @Text(2000) description: string;
  @Field(() => ID, { nullable: true, description: "A member of the project's tenant or an ancestor" }) ownerId?: string | null;
  @Field({ description: 'YYYY-MM-DD' }) @CalendarDate() dueDate: string;
}

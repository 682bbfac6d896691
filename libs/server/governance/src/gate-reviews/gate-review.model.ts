import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type as Nested } from 'class-transformer';
import { ArrayMaxSize, IsOptional, ValidateNested } from 'class-validator';
import { CalendarDate, OptionalText, Text } from '@pmo/core';
import { CriterionStatus, GateDecision, GateReviewState } from './gate-review.rules';

registerEnumType(CriterionStatus, { name: 'CriterionStatus' });
registerEnumType(GateDecision, { name: 'GateDecision', description: 'From the least to the most cautious.' });
registerEnumType(GateReviewState, { name: 'GateReviewState' });

@ObjectType('GateCriterion', { description: 'A deliverable of the gate as submitted.' })
export class GateCriterionModel {
  @Field() criterion: string;
  @Field(() => CriterionStatus) status: CriterionStatus;
  @Field(() => String, { nullable: true }) evidence: string | null;
  @Field(() => String, { nullable: true }) comment: string | null;
}

@ObjectType('GateVote')
export class GateVoteModel {
  @Field(() => ID) voterId: string;
  @Field(() => GateDecision) decision: GateDecision;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field() at: Date;
}

@ObjectType('GateReview', {
  description:
    'A review of the gate that ends a phase. Voters hold at least the gate’s approverRole on the project’s tenant (or an ancestor) and are neither its manager nor the submitter, and hold the gate’s minApproverLevel of competency when it sets one; when the quorum is in, the most cautious vote decides.',
})
export class GateReviewModel {
  @Field(() => ID) id: string;
  @Field({ description: 'The phase the gate ends' }) phase: string;
  @Field() gate: string;
  @Field(() => GateReviewState) state: GateReviewState;
  @Field() submittedAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  projectId: string;
}

@InputType()
export class GateCriterionInput {
  @Field({ description: 'A deliverable of the gate' }) @Text(500) criterion: string;
  @Field(() => CriterionStatus) status: CriterionStatus;
  @Field(() => String, { nullable: true, description: 'Required for MET' }) @OptionalText(4000) evidence?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for WAIVED' }) @OptionalText(4000) comment?: string | null;
}

@InputType()
export class SubmitGateReviewInput {
  @Field(() => ID) projectId: string;
  @Field(() => [GateCriterionInput], { description: 'Every deliverable of the gate that ends the current phase, once' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Nested(() => GateCriterionInput)
  criteria: GateCriterionInput[];
}

@InputType({ description: 'A corrective action to take.' })
export class ActionInput {
  @Field() @Text(2000) description: string;
  @Field(() => ID, { nullable: true, description: "A member of the project's tenant or an ancestor" }) ownerId?: string | null;
  @Field({ description: 'YYYY-MM-DD' }) @CalendarDate() dueDate: string;
}

@InputType()
export class VoteOnGateReviewInput {
  @Field(() => ID) reviewId: string;
  @Field(() => GateDecision) decision: GateDecision;
  @Field(() => String, { nullable: true }) @OptionalText(4000) comment?: string | null;
  @Field(() => [ActionInput], {
    nullable: true,
    description: 'With APPROVE_WITH_CONDITIONS (at least one): corrective actions once the review is approved with conditions',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Nested(() => ActionInput)
  conditions?: ActionInput[] | null;
}

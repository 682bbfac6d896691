import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { Role } from '@pmo/shared';
import { NotNull, OptionalText, Text } from '@pmo/core';
import { ReportingFrequency } from './methodology.rules';

const MIN_APPROVER_LEVEL =
  'The competency level (0 to 5, 0 when omitted) a voter on a review of the gate must hold: a voter below it is FORBIDDEN, the message naming the level';

@InputType()
export class PhaseGateInput {
  @Field(() => String, { nullable: true, description: "The phase's name when omitted" }) name?: string | null;
  @Field(() => [String], { defaultValue: [] }) deliverables: string[];
  @Field(() => Role, { nullable: true, description: 'PMO_LEAD when omitted' }) approverRole?: Role | null;
  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Votes that decide a review of the gate, 1 to 50' }) quorum?: number | null;
  @Field(() => Int, { nullable: true, description: MIN_APPROVER_LEVEL }) minApproverLevel?: number | null;
}

@InputType()
export class MethodologyPhaseInput {
  @Field() name: string;
  @Field(() => PhaseGateInput) gate: PhaseGateInput;
}

@InputType()
export class MilestoneTemplateInput {
  @Field() name: string;
  @Field({ description: 'The name of one of the methodology’s phases' }) phase: string;
  @Field(() => Int, { description: "Days after the project's start, 0 or more" }) offsetDays: number;
}

@InputType()
export class ReportingCadenceInput {
  @Field(() => ReportingFrequency, { defaultValue: ReportingFrequency.MONTHLY }) frequency: ReportingFrequency;
  @Field(() => Int, { defaultValue: 5, description: 'The report for period P is due at the end of this day (UTC) of the month after P: 1 to 28' })
  dueDay: number;
  @Field(() => Int, { nullable: true, defaultValue: 5, description: 'Days a report is LATE after its due time before it is MISSING: 0 to 28' })
  graceDays?: number | null;
}

@InputType()
export class CreateMethodologyInput {
  @Field(() => ID) tenantId: string;
  @Field() @Text() name: string;
  @Field(() => String, { nullable: true }) @OptionalText(2000) description?: string | null;
  @Field(() => [MethodologyPhaseInput], { description: 'At least one, in order; names unique' }) phases: MethodologyPhaseInput[];
  @Field(() => [MilestoneTemplateInput], { nullable: true }) milestones?: MilestoneTemplateInput[] | null;
  @Field(() => ReportingCadenceInput, { nullable: true, description: 'MONTHLY, due on day 5 with 5 grace days, when omitted' })
  cadence?: ReportingCadenceInput | null;
}

@InputType({
  description: 'Omitted fields keep their value. A draft is edited in place; a published methodology is published again as its next version.',
})
export class UpdateMethodologyInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) @NotNull() @IsOptional() @Text() name?: string;
  @Field(() => String, { nullable: true }) @OptionalText(2000) description?: string | null;
  @Field(() => [MethodologyPhaseInput], { nullable: true }) @NotNull() phases?: MethodologyPhaseInput[];
  @Field(() => [MilestoneTemplateInput], { nullable: true }) @NotNull() milestones?: MilestoneTemplateInput[];
  @Field(() => ReportingCadenceInput, { nullable: true }) @NotNull() cadence?: ReportingCadenceInput;
}

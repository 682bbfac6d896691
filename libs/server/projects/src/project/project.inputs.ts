import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CalendarDate, NotNull, OptionalText, Text } from '@pmo/core';
import { ProjectState, Rag } from '@pmo/shared';
import { INITIAL_STATES, PROJECT_CODE } from './project.rules';

export enum ProjectSort {
  CODE_ASC = 'CODE_ASC',
  CODE_DESC = 'CODE_DESC',
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(ProjectSort, { name: 'ProjectSort' });

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const AMOUNT = { message: '$property must be a finite amount of at least 0' };
const TIER = { message: 'tier must be 1, 2 or 3' };
const TIER_DESCRIPTION =
  '1 (the largest) to 3. The manager must hold the level the competency rule in force requires for the tier (BAD_USER_INPUT naming the rule)';

@InputType()
export class CreateProjectInput {
  @Field(() => ID) tenantId: string;
  @Field()
  @Transform(trimmed)
  @Matches(PROJECT_CODE, { message: 'code must be 1 to 50 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  code: string;
  @Field() @Text() name: string;
  @Field(() => String, { nullable: true }) @OptionalText() description?: string | null;
  @Field(() => ProjectState, { nullable: true, description: 'PROPOSED or ACTIVE (the default)' })
  @IsOptional()
  @IsIn(INITIAL_STATES, { message: 'A project starts PROPOSED or ACTIVE' })
  state?: ProjectState;
  @Field(() => ID, { nullable: true }) programId?: string;
  @Field(() => ID, { nullable: true, description: 'A user holding a membership that covers the tenant' }) managerId?: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; required with methodologyId' }) @CalendarDate({ optional: true }) startDate?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) @CalendarDate({ optional: true }) endDate?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0, AMOUNT) plannedBudget?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0, AMOUNT) actualCost?: number;
  @Field(() => ID, { nullable: true, description: 'A published methodology in force for the tenant: its phases and milestones are copied' })
  methodologyId?: string;
  @Field(() => Int, { nullable: true, description: 'The published version to follow; the latest by default' }) methodologyVersion?: number;
  @Field(() => Int, { nullable: true, description: TIER_DESCRIPTION }) @IsOptional() @IsInt(TIER) @Min(1, TIER) @Max(3, TIER) tier?: number | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateProjectInput {
  @Field({ nullable: true }) @NotNull() @IsOptional() @Text() name?: string;
  @Field(() => String, { nullable: true }) @OptionalText() description?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => ID, { nullable: true }) managerId?: string | null;
  @Field(() => String, { nullable: true }) @CalendarDate({ optional: true }) startDate?: string | null;
  @Field(() => String, { nullable: true }) @CalendarDate({ optional: true }) endDate?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0, AMOUNT) plannedBudget?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @Min(0, AMOUNT) actualCost?: number | null;
  @Field(() => String, { nullable: true, description: "One of the project's phases" }) @IsOptional() @Text() currentPhase?: string | null;
  @Field(() => Int, { nullable: true, description: TIER_DESCRIPTION }) @IsOptional() @IsInt(TIER) @Min(1, TIER) @Max(3, TIER) tier?: number | null;
}

@InputType()
export class ProjectFilter {
  @Field(() => [ProjectState], { nullable: true }) states?: ProjectState[];
  @Field(() => ID, { nullable: true }) programId?: string;
  @Field({ nullable: true, description: 'Matches code or name, case-insensitively' }) text?: string;
  @Field(() => [Rag], { nullable: true, description: 'The overall RAG of the latest status report' }) latestStatusRag?: Rag[];
}

import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { OptionalText, Text } from '@pmo/core';
import { ProjectState, Rag } from '@pmo/shared';

export enum ProjectSort {
  CODE_ASC = 'CODE_ASC',
  CODE_DESC = 'CODE_DESC',
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_AT_ASC = 'CREATED_AT_ASC',
  CREATED_AT_DESC = 'CREATED_AT_DESC',
}
registerEnumType(ProjectSort, { name: 'ProjectSort' });

@InputType()
export class CreateProgramInput {
  @Field(() => ID) tenantId: string;
  @Field() @Text() name: string;
  @Field(() => String, { nullable: true }) @OptionalText() description?: string | null;
}

@InputType()
export class CreateProjectInput {
  @Field(() => ID) tenantId: string;
  @Field() code: string;
  @Field() name: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => ProjectState, { nullable: true, description: 'PROPOSED or ACTIVE (the default)' }) state?: ProjectState;
  @Field(() => ID, { nullable: true }) programId?: string;
  @Field(() => ID, { nullable: true, description: 'A user holding a membership that covers the tenant' }) managerId?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; required with methodologyId' }) startDate?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD' }) endDate?: string;
  @Field(() => Float, { nullable: true }) plannedBudget?: number;
  @Field(() => Float, { nullable: true }) actualCost?: number;
  @Field(() => ID, { nullable: true, description: 'A published methodology in force for the tenant: its phases and milestones are copied' })
  methodologyId?: string;
  @Field(() => Int, { nullable: true, description: 'The published version to follow; the latest by default' }) methodologyVersion?: number;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateProjectInput {
  @Field({ nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ID, { nullable: true }) programId?: string | null;
  @Field(() => ID, { nullable: true }) managerId?: string | null;
  @Field(() => String, { nullable: true }) startDate?: string | null;
  @Field(() => String, { nullable: true }) endDate?: string | null;
  @Field(() => Float, { nullable: true }) plannedBudget?: number | null;
  @Field(() => Float, { nullable: true }) actualCost?: number | null;
  @Field(() => String, { nullable: true, description: "One of the project's phases" }) currentPhase?: string | null;
}

@InputType()
export class ProjectFilter {
  @Field(() => [ProjectState], { nullable: true }) states?: ProjectState[];
  @Field(() => ID, { nullable: true }) programId?: string;
  @Field({ nullable: true, description: 'Matches code or name, case-insensitively' }) text?: string;
  @Field(() => [Rag], { nullable: true, description: 'The overall RAG of the latest status report' }) latestStatusRag?: Rag[];
}

@InputType()
export class AddMilestoneInput {
  @Field(() => ID) projectId: string;
  @Field() name: string;
  @Field({ description: 'YYYY-MM-DD' }) dueDate: string;
  @Field({ nullable: true }) phase?: string;
}

@InputType()
export class SubmitStatusReportInput {
  @Field(() => ID) projectId: string;
  @Field({ description: 'YYYY-MM' }) period: string;
  @Field(() => Rag) overall: Rag;
  @Field(() => Rag, { nullable: true }) schedule?: Rag;
  @Field(() => Rag, { nullable: true }) cost?: Rag;
  @Field(() => Rag, { nullable: true }) scope?: Rag;
  @Field() summary: string;
  @Field({ nullable: true }) nextSteps?: string;
}

@InputType()
export class RecordKpiValueInput {
  @Field(() => ID) projectId: string;
  @Field({ description: "A published KPI that applies to the project's tenant" }) kpiKey: string;
  @Field({ description: 'YYYY-MM' }) period: string;
  @Field(() => Float, { description: 'Finite, from -1e15 to 1e15' }) value: number;
  @Field(() => Float, { nullable: true, description: 'Greater than 0 and at most 1e15; required for WEIGHTED_AVG KPIs' }) weight?: number;
}

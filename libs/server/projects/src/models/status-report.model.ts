import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Rag } from '@pmo/shared';

@ObjectType('StatusReportVersion', { description: 'The text a later submission for the same period replaced.' })
export class StatusReportVersionModel {
  @Field(() => Rag) overall: Rag;
  @Field(() => Rag, { nullable: true }) schedule: Rag | null;
  @Field(() => Rag, { nullable: true }) cost: Rag | null;
  @Field(() => Rag, { nullable: true }) scope: Rag | null;
  @Field() summary: string;
  @Field(() => String, { nullable: true }) nextSteps: string | null;
  @Field(() => ID, { nullable: true }) submittedBy: string | null;
  @Field() submittedAt: Date;
  @Field() supersededAt: Date;
  reportId: string;
}

@ObjectType('StatusReport', { description: "A project's status for one period (YYYY-MM); the latest submission wins." })
export class StatusReportModel {
  @Field(() => ID) id: string;
  @Field() period: string;
  @Field(() => Rag) overall: Rag;
  @Field(() => Rag, { nullable: true }) schedule: Rag | null;
  @Field(() => Rag, { nullable: true }) cost: Rag | null;
  @Field(() => Rag, { nullable: true }) scope: Rag | null;
  @Field() summary: string;
  @Field(() => String, { nullable: true }) nextSteps: string | null;
  @Field(() => ID, { nullable: true }) submittedBy: string | null;
  @Field() submittedAt: Date;
  projectId: string;
}

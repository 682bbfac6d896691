import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Rag } from '@pmo/shared';
import { StatusReportHistoryEntity } from './status-report-history.entity';
import { StatusReportEntity } from './status-report.entity';

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

export const statusReportModel = (row: StatusReportEntity): StatusReportModel => ({
  id: row.id,
  projectId: row.projectId,
  period: row.period,
  overall: row.overall,
  schedule: row.schedule,
  cost: row.cost,
  scope: row.scope,
  summary: row.summary,
  nextSteps: row.nextSteps,
  submittedBy: row.submittedBy,
  submittedAt: row.submittedAt,
});

export const statusReportVersionModel = (row: StatusReportHistoryEntity): StatusReportVersionModel => ({
  reportId: row.reportId,
  overall: row.overall,
  schedule: row.schedule,
  cost: row.cost,
  scope: row.scope,
  summary: row.summary,
  nextSteps: row.nextSteps,
  submittedBy: row.submittedBy,
  submittedAt: row.submittedAt,
  supersededAt: row.supersededAt,
});

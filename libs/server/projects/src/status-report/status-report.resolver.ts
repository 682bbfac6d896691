import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SubmitStatusReportInput } from './status-report.inputs';
import { StatusReportModel, StatusReportVersionModel } from './status-report.model';
import { StatusReportService } from './status-report.service';

// Its field resolvers take the parent as a plain argument, as ProjectResolver's do (why: there).
@Resolver(() => StatusReportModel)
export class StatusReportResolver {
  constructor(private readonly reports: StatusReportService) {}

  @Mutation(() => StatusReportModel, { description: "Replaces the period's report; the earlier text stays in its history." })
  submitStatusReport(@Args('input') input: SubmitStatusReportInput) {
    return this.reports.submit(input);
  }

  @Query(() => [StatusReportModel], { description: 'Latest period first.' })
  statusReports(@Args('projectId', { type: () => ID }) projectId: string) {
    return this.reports.list(projectId);
  }

  @ResolveField(() => [StatusReportVersionModel], { description: 'Replaced submissions, latest first.' })
  history(report: StatusReportModel) {
    return this.reports.history(report.id);
  }
}

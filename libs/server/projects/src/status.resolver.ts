import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AddMilestoneInput, SubmitStatusReportInput } from './dto/project.inputs';
import { MilestoneModel } from './models/project.model';
import { StatusReportModel, StatusReportVersionModel } from './models/status-report.model';
import { MilestoneService } from './milestone.service';
import { ProjectLoaders } from './project-loaders';
import { MilestoneStatus, milestoneStatus } from './rules';
import { StatusReportService } from './status-report.service';

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => MilestoneModel)
export class MilestoneResolver {
  constructor(private readonly milestones: MilestoneService) {}

  @Mutation(() => MilestoneModel)
  addMilestone(@Args('input') input: AddMilestoneInput) {
    return this.milestones.add(input);
  }

  @Mutation(() => MilestoneModel)
  completeMilestone(
    @Args('id', { type: () => ID }) id: string,
    @Args('completedOn', { type: () => String, nullable: true, description: 'YYYY-MM-DD; today (UTC) by default' }) completedOn?: string,
  ) {
    return this.milestones.complete(id, completedOn ?? today());
  }

  @ResolveField(() => MilestoneStatus, { description: 'Against today (UTC)' })
  status(@Parent() milestone: MilestoneModel) {
    return milestoneStatus(milestone.dueDate, milestone.completedOn, today());
  }
}

@Resolver(() => StatusReportModel)
export class StatusReportResolver {
  constructor(
    private readonly reports: StatusReportService,
    private readonly loaders: ProjectLoaders,
  ) {}

  @Mutation(() => StatusReportModel, { description: "Replaces the period's report; the earlier text stays in its history." })
  submitStatusReport(@Args('input') input: SubmitStatusReportInput) {
    return this.reports.submit(input);
  }

  @Query(() => [StatusReportModel], { description: 'Latest period first.' })
  statusReports(@Args('projectId', { type: () => ID }) projectId: string) {
    return this.reports.list(projectId);
  }

  @ResolveField(() => [StatusReportVersionModel], { description: 'Replaced submissions, latest first.' })
  history(@Parent() report: StatusReportModel) {
    return this.loaders.statusReportHistory().load(report.id);
  }
}

import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectState } from '@pmo/shared';
import { TenantModel, TenantReader } from '@pmo/core';
import { MilestoneModel } from '../milestone/milestone.model';
import { MilestoneService } from '../milestone/milestone.service';
import { ProgramModel } from '../program/program.model';
import { ProgramService } from '../program/program.service';
import { StatusReportModel } from '../status-report/status-report.model';
import { StatusReportService } from '../status-report/status-report.service';
import { CreateProjectInput, ProjectFilter, ProjectSort, UpdateProjectInput } from './project.inputs';
import { ProjectConnectionModel, ProjectManagerModel, ProjectModel, ProjectPhaseModel } from './project.model';
import { ProjectService } from './project.service';

// Field resolvers take their parent as a plain first argument, not through @Parent(): with
// no parameter decorator @nestjs/graphql calls the method directly instead of through its
// per-call context (param factories, pipes, several promises), which a page of projects
// pays for hundreds of times (docs/benchmarks.md, "Read path").
@Resolver(() => ProjectModel)
export class ProjectResolver {
  constructor(
    private readonly service: ProjectService,
    private readonly programService: ProgramService,
    private readonly milestoneService: MilestoneService,
    private readonly reportService: StatusReportService,
    private readonly tenants: TenantReader,
  ) {}

  @Query(() => ProjectModel, { nullable: true })
  project(@Args('id', { type: () => ID }) id: string) {
    return this.service.find(id);
  }

  @Query(() => ProjectConnectionModel, { description: "The projects of the tenant's whole subtree, page by page." })
  projects(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 1000; 50 by default' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => ProjectFilter, nullable: true }) filter?: ProjectFilter,
    @Args('sort', { type: () => ProjectSort, defaultValue: ProjectSort.CODE_ASC }) sort: ProjectSort = ProjectSort.CODE_ASC,
  ) {
    return this.service.list(tenantId, first, after, filter, sort);
  }

  @Mutation(() => ProjectModel, { description: 'ACTIVE unless created PROPOSED.' })
  createProject(@Args('input') input: CreateProjectInput) {
    return this.service.create(input);
  }

  @Mutation(() => ProjectModel)
  updateProject(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateProjectInput) {
    return this.service.update(id, input);
  }

  @Mutation(() => ProjectModel, {
    description:
      'PROPOSED→ACTIVE|CANCELLED, ACTIVE→ON_HOLD|COMPLETED|CANCELLED, ON_HOLD→ACTIVE|CANCELLED. COMPLETED needs a SUBMITTED (or later) lesson or declareNoLessons, else BAD_USER_INPUT on `to`.',
  })
  transitionProject(@Args('id', { type: () => ID }) id: string, @Args('to', { type: () => ProjectState }) to: ProjectState) {
    return this.service.transition(id, to);
  }

  @Mutation(() => ProjectModel, { description: 'Moves a project to another tenant of its organization; its values follow.' })
  moveProject(@Args('id', { type: () => ID }) id: string, @Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.service.move(id, tenantId);
  }

  @ResolveField(() => TenantModel)
  tenant(project: ProjectModel) {
    return this.tenants.load(project.tenantId);
  }

  @ResolveField(() => ProgramModel, { nullable: true })
  program(project: ProjectModel) {
    return project.programId ? this.programService.load(project.programId) : null;
  }

  @ResolveField(() => ProjectManagerModel, { nullable: true })
  manager(project: ProjectModel) {
    return project.managerId ? this.service.manager(project.managerId) : null;
  }

  @ResolveField(() => StatusReportModel, { nullable: true, description: 'The report of the latest period' })
  latestStatusReport(project: ProjectModel) {
    return this.reportService.latest(project.id);
  }

  @ResolveField(() => [MilestoneModel])
  milestones(project: ProjectModel) {
    return this.milestoneService.byProject(project.id);
  }

  @ResolveField(() => [ProjectPhaseModel], { description: 'Copied from its methodology version when it was created' })
  phases(project: ProjectModel) {
    return this.service.phases(project.id);
  }
}

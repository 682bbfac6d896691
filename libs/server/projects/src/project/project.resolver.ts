import { Args, ID, Info, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ProjectState } from '@pmo/shared';
import { selectedFields, TenantModel, TenantReader } from '@pmo/core';
import { MilestoneModel } from '../milestone/milestone.model';
import { MilestoneService } from '../milestone/milestone.service';
import { ProgramModel } from '../program/program.model';
import { ProgramService } from '../program/program.service';
import { StatusReportModel } from '../status-report/status-report.model';
import { StatusReportService } from '../status-report/status-report.service';
import { CreateProjectInput, ProjectFilter, ProjectSort, UpdateProjectInput } from './project.inputs';
import { ProjectConnectionModel, ProjectManagerModel, ProjectModel, ProjectPhaseModel } from './project.model';
import { ProjectService } from './project.service';

/** The nested fields of a page's rows that are read ahead when asked for (ProjectResolver.readAhead). */
const READ_AHEAD = ['tenant', 'program', 'manager', 'latestStatusReport', 'milestones', 'phases'] as const;

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
  async projects(
    @Info() info: GraphQLResolveInfo,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 1000; 50 by default' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => ProjectFilter, nullable: true }) filter?: ProjectFilter,
    @Args('sort', { type: () => ProjectSort, defaultValue: ProjectSort.CODE_ASC }) sort: ProjectSort = ProjectSort.CODE_ASC,
  ) {
    const page = await this.service.list(tenantId, first, after, filter, sort);
    await this.readAhead(
      page.edges.map((edge) => edge.node),
      selectedFields(info, ['edges', 'node']),
    );
    return page;
  }

  /**
   * Runs the batches of the nested fields a page asks for before graphql completes its
   * rows, so that each row's field answers with a value (loadNow) rather than a promise
   * per row and field: a fifth of a page's CPU (docs/benchmarks.md, "Read path"). The same
   * batches, statements and RLS as the fields' own; a batch that fails is left for its
   * field to report, row by row, as it would have.
   */
  private async readAhead(projects: ProjectModel[], fields: ReadonlySet<string>): Promise<void> {
    const pending: Array<Promise<unknown>> = [];
    for (const field of READ_AHEAD) {
      if (!fields.has(field)) continue;
      for (const project of projects) {
        const value: unknown = this[field](project);
        if (value instanceof Promise) pending.push(value);
      }
    }
    await Promise.allSettled(pending);
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
    return this.tenants.loadNow(project.tenantId);
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

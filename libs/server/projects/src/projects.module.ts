// Projects: programs, projects and their life cycle, milestones, status reports, and the
// KPI values projects report (which feed the rollup engine through its job queue). One
// folder per aggregate: its entities, repository, service, resolver, inputs and models.
import { Module } from '@nestjs/common';
import { KpiValueRepository } from './kpi-value/kpi-value.repository';
import { KpiValueResolver } from './kpi-value/kpi-value.resolver';
import { KpiValueService } from './kpi-value/kpi-value.service';
import { MilestoneRepository } from './milestone/milestone.repository';
import { MilestoneResolver } from './milestone/milestone.resolver';
import { MilestoneService } from './milestone/milestone.service';
import { ProgramRepository } from './program/program.repository';
import { ProgramResolver } from './program/program.resolver';
import { ProgramService } from './program/program.service';
import { ProjectAccess } from './project/project-access';
import { ProjectRepository } from './project/project.repository';
import { ProjectResolver } from './project/project.resolver';
import { ProjectService } from './project/project.service';
import { StatusReportEvents } from './status-report/status-report.events';
import { StatusReportRepository } from './status-report/status-report.repository';
import { StatusReportResolver } from './status-report/status-report.resolver';
import { StatusReportService } from './status-report/status-report.service';

@Module({
  providers: [
    ProjectRepository,
    ProgramRepository,
    MilestoneRepository,
    StatusReportRepository,
    KpiValueRepository,
    ProjectAccess,
    ProjectService,
    ProgramService,
    MilestoneService,
    StatusReportService,
    KpiValueService,
    ProjectResolver,
    ProgramResolver,
    MilestoneResolver,
    StatusReportResolver,
    KpiValueResolver,
  ],
})
export class ProjectsModule {}

/** The worker side: the consumer of projects' events. */
@Module({
  providers: [StatusReportEvents],
})
export class ProjectsJobsModule {}

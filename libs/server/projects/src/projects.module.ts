// Projects: programs, projects and their life cycle, milestones, status reports, and the
// KPI values projects report (which feed the rollup engine through its job queue).
import { Module } from '@nestjs/common';
import { KpiValueResolver } from './kpi-value.resolver';
import { KpiValueService } from './kpi-value.service';
import { MilestoneService } from './milestone.service';
import { ProgramService } from './program.service';
import { ProjectAccess } from './project-access';
import { ProjectLoaders } from './project-loaders';
import { ProgramResolver, ProjectResolver } from './project.resolver';
import { ProjectService } from './project.service';
import { MilestoneResolver, StatusReportResolver } from './status.resolver';
import { StatusReportService } from './status-report.service';

@Module({
  providers: [
    ProjectAccess,
    ProjectLoaders,
    ProgramService,
    ProjectService,
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

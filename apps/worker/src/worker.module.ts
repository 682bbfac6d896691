// The worker process: BullMQ processors and schedules, no HTTP.
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, WorkerHost } from '@pmo/core';
import { GovernanceJobsModule } from '@pmo/governance';
import { KnowledgeJobsModule } from '@pmo/knowledge';
import { KpiJobsModule, RollupSchedulingModule } from '@pmo/kpi';
import { NotificationsJobsModule } from '@pmo/notifications';
import { OrganizationJobsModule } from '@pmo/organization';
import { ProjectsJobsModule } from '@pmo/projects';

@Module({
  imports: [
    CoreModule.forProcess('worker'),
    DiscoveryModule,
    OrganizationJobsModule,
    KpiJobsModule,
    RollupSchedulingModule,
    GovernanceJobsModule,
    KnowledgeJobsModule,
    NotificationsJobsModule,
    ProjectsJobsModule,
  ],
  providers: [WorkerHost],
})
export class WorkerModule {}

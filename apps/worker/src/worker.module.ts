// The worker process: BullMQ processors and schedules, no HTTP.
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, WorkerHost } from '@pmo/core';
import { KpiJobsModule } from '@pmo/kpi';
import { OrganizationJobsModule } from '@pmo/organization';

@Module({
  imports: [CoreModule.forProcess('worker'), DiscoveryModule, OrganizationJobsModule, KpiJobsModule],
  providers: [WorkerHost],
})
export class WorkerModule {}

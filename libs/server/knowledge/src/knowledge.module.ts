// Knowledge and people: the lessons-learned archive (lessons/), the shared resource pool
// (resources/) and the competency of project managers tied to governance (competency/).
import { Module } from '@nestjs/common';
// Shared resource pool
import { ResourceEventsHandler } from './resources/resource-events.handler';
import { ResourceRepository } from './resources/resource.repository';
import { AllocationResolver, ResourceResolver } from './resources/resource.resolver';
import { ResourceService } from './resources/resource.service';

@Module({
  providers: [
    // Shared resource pool
    ResourceRepository,
    ResourceService,
    ResourceResolver,
    AllocationResolver,
  ],
})
export class KnowledgeModule {}

/** The worker side: knowledge's scheduled jobs and event consumers. */
@Module({
  providers: [
    // Shared resource pool
    ResourceEventsHandler,
  ],
})
export class KnowledgeJobsModule {}

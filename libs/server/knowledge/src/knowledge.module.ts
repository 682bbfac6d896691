// Knowledge and people: the lessons-learned archive (lessons/), the shared resource pool
// (resources/) and the competency of project managers tied to governance (competency/).
import { Module } from '@nestjs/common';

@Module({
  providers: [],
})
export class KnowledgeModule {}

/** The worker side: knowledge's scheduled jobs and event consumers. */
@Module({
  providers: [],
})
export class KnowledgeJobsModule {}

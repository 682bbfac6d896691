// Knowledge and people: the lessons-learned archive (lessons/), the shared resource pool
// (resources/) and the competency of project managers tied to governance (competency/).
import { Global, Module } from '@nestjs/common';
import { ProjectClosure } from '@pmo/core';
import { LessonEventsHandler } from './lessons/lesson-events.handler';
import { GateReviewLessonsResolver, ProjectLessonsResolver } from './lessons/lesson-extensions.resolver';
import { LessonProjectClosure } from './lessons/lesson-project-closure';
import { LessonRepository } from './lessons/lesson.repository';
import { LessonResolver } from './lessons/lesson.resolver';
import { LessonService } from './lessons/lesson.service';

/** What other features ask of knowledge through core's ports, for every module of the api: whether a project may be COMPLETED (lessons). */
@Global()
@Module({
  providers: [
    // Lessons learned
    LessonRepository,
    { provide: ProjectClosure, useClass: LessonProjectClosure },
  ],
  exports: [ProjectClosure],
})
export class KnowledgePortsModule {}

@Module({
  imports: [KnowledgePortsModule],
  providers: [
    // Lessons learned
    LessonRepository,
    LessonService,
    LessonResolver,
    ProjectLessonsResolver,
    GateReviewLessonsResolver,
  ],
})
export class KnowledgeModule {}

/** The worker side: knowledge's scheduled jobs and event consumers. */
@Module({
  providers: [
    // Lessons learned
    LessonEventsHandler,
  ],
})
export class KnowledgeJobsModule {}

// Knowledge and people: the lessons-learned archive (lessons/), the shared resource pool
// (resources/) and the competency of project managers tied to governance (competency/).
import { Global, Module } from '@nestjs/common';
import { ManagerCompetency, ProjectClosure } from '@pmo/core';
import { CompetencyGovernance } from './competency/competency-governance';
import { CompetencyJobsHandler } from './competency/competency-jobs.handler';
import { CompetencyRepository } from './competency/competency.repository';
import { CompetencyResolver, CompetencyRuleResolver, MentorshipResolver } from './competency/competency.resolver';
import { CompetencyService } from './competency/competency.service';
import { LessonEventsHandler } from './lessons/lesson-events.handler';
import { GateReviewLessonsResolver, ProjectLessonsResolver } from './lessons/lesson-extensions.resolver';
import { LessonProjectClosure } from './lessons/lesson-project-closure';
import { LessonRepository } from './lessons/lesson.repository';
import { LessonResolver } from './lessons/lesson.resolver';
import { LessonService } from './lessons/lesson.service';
import { ResourceEventsHandler } from './resources/resource-events.handler';
import { ResourceRepository } from './resources/resource.repository';
import { AllocationResolver, ResourceResolver } from './resources/resource.resolver';
import { ResourceService } from './resources/resource.service';

/**
 * What other features ask of knowledge through core's ports, for every module of the api:
 * whether a project may be COMPLETED (lessons), managers' and voters' levels and the
 * competency rules in force (competency).
 */
@Global()
@Module({
  providers: [
    LessonRepository,
    { provide: ProjectClosure, useClass: LessonProjectClosure },
    CompetencyRepository,
    { provide: ManagerCompetency, useClass: CompetencyGovernance },
  ],
  // The repositories too: the feature's own services use these instances, not second ones.
  exports: [ProjectClosure, ManagerCompetency, LessonRepository, CompetencyRepository],
})
export class KnowledgePortsModule {}

@Module({
  imports: [KnowledgePortsModule],
  providers: [
    // Lessons learned
    LessonService,
    LessonResolver,
    ProjectLessonsResolver,
    GateReviewLessonsResolver,
    // Competency
    CompetencyService,
    CompetencyResolver,
    MentorshipResolver,
    CompetencyRuleResolver,
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
    // Lessons learned
    LessonEventsHandler,
    // Competency
    CompetencyRepository,
    CompetencyJobsHandler,
    // Shared resource pool
    ResourceEventsHandler,
  ],
})
export class KnowledgeJobsModule {}

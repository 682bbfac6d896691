// Knowledge and people: the lessons-learned archive (lessons/), the shared resource pool
// (resources/) and the competency of project managers tied to governance (competency/).
import { Global, Module } from '@nestjs/common';
import { ManagerCompetency } from '@pmo/core';
// Competency
import { CompetencyGovernance } from './competency/competency-governance';
import { CompetencyJobsHandler } from './competency/competency-jobs.handler';
import { CompetencyRepository } from './competency/competency.repository';
import { CompetencyResolver, CompetencyRuleResolver, MentorshipResolver } from './competency/competency.resolver';
import { CompetencyService } from './competency/competency.service';

/** What other features ask of competency through core's ManagerCompetency port, for every module of the api: managers' and voters' levels and the rules in force. */
@Global()
@Module({
  providers: [CompetencyRepository, { provide: ManagerCompetency, useClass: CompetencyGovernance }],
  exports: [ManagerCompetency],
})
export class CompetencyPortsModule {}

@Module({
  imports: [CompetencyPortsModule],
  providers: [
    // Competency
    CompetencyRepository,
    CompetencyService,
    CompetencyResolver,
    MentorshipResolver,
    CompetencyRuleResolver,
  ],
})
export class KnowledgeModule {}

/** The worker side: knowledge's scheduled jobs and event consumers. */
@Module({
  providers: [
    // Competency
    CompetencyRepository,
    CompetencyJobsHandler,
  ],
})
export class KnowledgeJobsModule {}

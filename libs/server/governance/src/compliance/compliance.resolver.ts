import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType } from '@pmo/core';
import { ProjectCards } from '../common/project-cards';
import { ComplianceEvaluationModel } from './compliance.model';
import { ComplianceService } from './compliance.service';

@Resolver(() => ComplianceEvaluationModel)
export class ComplianceResolver {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly projects: ProjectCards,
  ) {}

  @Query(() => ComplianceEvaluationModel, { nullable: true, description: 'Evaluated now; null when the project owes no report for the period.' })
  projectCompliance(@Args('projectId', { type: () => ID }) projectId: string, @Args('period', { description: 'YYYY-MM' }) period: string) {
    return this.compliance.forProject(projectId, period);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() evaluation: ComplianceEvaluationModel) {
    return this.projects.load(evaluation.projectId);
  }
}

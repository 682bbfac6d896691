import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel, TenantReader } from '@pmo/core';
import {
  CertificationModel,
  CompetencyRuleModel,
  MentoringCheckInModel,
  MentorshipModel,
  PmProfileModel,
  RecordCertificationInput,
  RecordTrainingInput,
  SetCompetencyRuleInput,
  StartMentorshipInput,
  TrainingRecordModel,
} from './competency.model';
import { CompetencyService } from './competency.service';

@Resolver(() => PmProfileModel)
export class CompetencyResolver {
  constructor(private readonly competency: CompetencyService) {}

  @Query(() => [PmProfileModel], {
    description: "The people of a tenant's subtree (its active members and its projects' managers) with their competency, by email.",
  })
  pmProfiles(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.competency.profiles(tenantId);
  }

  @Mutation(() => CertificationModel)
  recordCertification(@Args('input') input: RecordCertificationInput) {
    return this.competency.recordCertification(input);
  }

  @Mutation(() => TrainingRecordModel)
  recordTraining(@Args('input') input: RecordTrainingInput) {
    return this.competency.recordTraining(input);
  }

  @Mutation(() => MentorshipModel)
  startMentorship(@Args('input') input: StartMentorshipInput) {
    return this.competency.startMentorship(input);
  }

  @Mutation(() => MentorshipModel, {
    description: 'By a PMO_LEAD or above of the mentorship’s tenant, while it is open (CONFLICT once ended); notes 1 to 4000 characters.',
  })
  logMentoringCheckIn(@Args('mentorshipId', { type: () => ID }) mentorshipId: string, @Args('notes') notes: string) {
    return this.competency.logCheckIn(mentorshipId, notes);
  }

  @Mutation(() => MentorshipModel, { description: 'By a PMO_LEAD or above of the mentorship’s tenant; once (CONFLICT after).' })
  endMentorship(@Args('id', { type: () => ID }) id: string) {
    return this.competency.endMentorship(id);
  }
}

@Resolver(() => MentorshipModel)
export class MentorshipResolver {
  constructor(private readonly competency: CompetencyService) {}

  @ResolveField('checkIns', () => [MentoringCheckInModel], { description: 'Oldest first' })
  checkIns(@Parent() mentorship: MentorshipModel) {
    return this.competency.checkIns(mentorship.id);
  }
}

@Resolver(() => CompetencyRuleModel)
export class CompetencyRuleResolver {
  constructor(
    private readonly competency: CompetencyService,
    private readonly tenants: TenantReader,
  ) {}

  @Query(() => [CompetencyRuleModel], { description: 'The rules set on the tenant, its ancestors and its subtree, by tier and depth.' })
  competencyRules(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.competency.rules(tenantId);
  }

  @Mutation(() => CompetencyRuleModel)
  setCompetencyRule(@Args('input') input: SetCompetencyRuleInput) {
    return this.competency.setRule(input);
  }

  @ResolveField('tenant', () => TenantModel)
  tenant(@Parent() rule: CompetencyRuleModel) {
    return this.tenants.load(rule.tenantId);
  }
}

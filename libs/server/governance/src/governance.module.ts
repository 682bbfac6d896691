// Governance: reporting obligations and waivers, compliance, stage-gate reviews, audits,
// health checks and peer reviews with findings and corrective actions, and the portfolio
// decision ledger with its frozen evidence. It adds gateReviews and decisions to Project
// and a cadence's graceDays and a gate's quorum to the standards' types, by name.
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectGovernanceResolver, PhaseGateGovernanceResolver, ReportingCadenceGovernanceResolver } from './common/extensions.resolver';
import { GovernanceAccess } from './common/governance-access';
import { GovernedProjectRepository } from './common/governed-project.repository';
import { ProjectCards } from './common/project-cards';
import { ProjectRef } from './common/project-ref.entity';
import { ProjectTimelineEntity } from './common/project-timeline.entity';
import { ComplianceRepository } from './compliance/compliance.repository';
import { ComplianceResolver } from './compliance/compliance.resolver';
import { ComplianceService } from './compliance/compliance.service';
import { DecisionRepository } from './decisions/decision.repository';
import { DecisionResolver } from './decisions/decision.resolver';
import { DecisionService } from './decisions/decision.service';
import { PortfolioDecisionEntity } from './decisions/portfolio-decision.entity';
import { GateReviewCriterionEntity } from './gate-reviews/gate-review-criterion.entity';
import { GateReviewVoteEntity } from './gate-reviews/gate-review-vote.entity';
import { GateReviewEntity } from './gate-reviews/gate-review.entity';
import { GateReviewRepository } from './gate-reviews/gate-review.repository';
import { GateReviewResolver } from './gate-reviews/gate-review.resolver';
import { GateReviewService } from './gate-reviews/gate-review.service';
import { ObligationRepository } from './obligations/obligation.repository';
import { ObligationResolver, ReportingSummaryResolver } from './obligations/obligation.resolver';
import { ObligationService } from './obligations/obligation.service';
import { ReportingWaiverEntity } from './obligations/reporting-waiver.entity';
import { CorrectiveActionEntity } from './reviews/corrective-action.entity';
import { CorrectiveActionRepository } from './reviews/corrective-action.repository';
import { ProjectReviewReviewerEntity } from './reviews/project-review-reviewer.entity';
import { ProjectReviewEntity } from './reviews/project-review.entity';
import { ProjectReviewRepository } from './reviews/project-review.repository';
import { CorrectiveActionResolver, FindingResolver, ProjectReviewResolver } from './reviews/review.resolver';
import { ReviewFindingEntity } from './reviews/review-finding.entity';
import { ReviewService } from './reviews/review.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProjectRef,
      ProjectTimelineEntity,
      ReportingWaiverEntity,
      GateReviewEntity,
      GateReviewCriterionEntity,
      GateReviewVoteEntity,
      ProjectReviewEntity,
      ProjectReviewReviewerEntity,
      ReviewFindingEntity,
      CorrectiveActionEntity,
      PortfolioDecisionEntity,
    ]),
  ],
  providers: [
    GovernedProjectRepository,
    ObligationRepository,
    ComplianceRepository,
    GateReviewRepository,
    ProjectReviewRepository,
    CorrectiveActionRepository,
    DecisionRepository,
    GovernanceAccess,
    ProjectCards,
    ObligationService,
    ComplianceService,
    GateReviewService,
    ReviewService,
    DecisionService,
    ObligationResolver,
    ReportingSummaryResolver,
    ComplianceResolver,
    GateReviewResolver,
    ProjectReviewResolver,
    FindingResolver,
    CorrectiveActionResolver,
    DecisionResolver,
    ProjectGovernanceResolver,
    ReportingCadenceGovernanceResolver,
    PhaseGateGovernanceResolver,
  ],
})
export class GovernanceModule {}

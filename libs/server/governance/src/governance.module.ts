// Governance: reporting obligations and waivers, compliance, stage-gate reviews, audits,
// health checks and peer reviews with findings and corrective actions, and the portfolio
// decision ledger with its frozen evidence. It adds gateReviews and decisions to Project, by name.
import { Global, Module } from '@nestjs/common';
import { BuiltInRagChanges, ComplianceFeed, PhaseGates } from '@pmo/core';
import { ProjectGovernanceResolver } from './common/extensions.resolver';
import { GovernanceAccess } from './common/governance-access';
import { TenantComplianceRagEvents } from './events/tenant-compliance-rag';
import { GovernedProjectRepository } from './common/governed-project.repository';
import { ProjectCards } from './common/project-cards';
import { ComplianceRecorder } from './compliance/compliance-recorder';
import { ComplianceScoreRepository } from './compliance/compliance-score.repository';
import { ComplianceRepository } from './compliance/compliance.repository';
import { ComplianceResolver } from './compliance/compliance.resolver';
import { ComplianceService } from './compliance/compliance.service';
import { OutboxComplianceFeed } from './compliance/outbox-compliance-feed';
import { DecisionRepository } from './decisions/decision.repository';
import { DecisionResolver } from './decisions/decision.resolver';
import { DecisionService } from './decisions/decision.service';
import { GateReviewRepository } from './gate-reviews/gate-review.repository';
import { GateReviewResolver } from './gate-reviews/gate-review.resolver';
import { GateReviewService } from './gate-reviews/gate-review.service';
import { ReviewPhaseGates } from './gate-reviews/review-phase-gates';
import { GovernanceEventsHandler } from './events/governance-events.handler';
import { TimeEventRepository } from './time-events/time-event.repository';
import { TimeEvents } from './time-events/time-events';
import { ObligationRepository } from './obligations/obligation.repository';
import { ObligationResolver, ReportingSummaryResolver } from './obligations/obligation.resolver';
import { ObligationService } from './obligations/obligation.service';
import { CorrectiveActionRepository } from './reviews/corrective-action.repository';
import { ProjectReviewRepository } from './reviews/project-review.repository';
import { CorrectiveActionResolver, FindingResolver, ProjectReviewResolver } from './reviews/review.resolver';
import { ReviewService } from './reviews/review.service';

/**
 * What other features ask of governance through core's ports, for every module of the api:
 * which gates a project passed (projects' phase moves) and the re-evaluation of compliance
 * after a change (reports, values, milestones).
 */
@Global()
@Module({
  providers: [GateReviewRepository, { provide: PhaseGates, useClass: ReviewPhaseGates }, { provide: ComplianceFeed, useClass: OutboxComplianceFeed }],
  exports: [PhaseGates, ComplianceFeed],
})
export class GovernancePortsModule {}

@Module({
  imports: [GovernancePortsModule],
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
  ],
})
export class GovernanceModule {}

/**
 * The worker side: compliance re-evaluations (after changes and daily), the consumers of
 * governance's events, the hourly detection of reports and actions time made late, and the rollup engine's port for built-in KPIs' colours (global).
 */
@Global()
@Module({
  providers: [
    GovernedProjectRepository,
    GovernanceAccess,
    ComplianceRepository,
    ComplianceScoreRepository,
    ComplianceService,
    ComplianceRecorder,
    GovernanceEventsHandler,
    ObligationRepository,
    TimeEventRepository,
    TimeEvents,
    { provide: BuiltInRagChanges, useClass: TenantComplianceRagEvents },
  ],
  exports: [BuiltInRagChanges],
})
export class GovernanceJobsModule {}

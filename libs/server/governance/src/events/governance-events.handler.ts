// The consumers of governance's events: each logs what happened and completes its outbox
// row; completing it hands the event to the fan-out (notifications and webhooks) through
// core's CompletedEvents port, in the same transaction.
import { Injectable, Logger } from '@nestjs/common';
import { OnJob, OutboxService, TenantDb } from '@pmo/core';
import {
  COMPLIANCE_RAG_CHANGED_JOB,
  ComplianceRagChangedPayload,
  DECISION_RECORDED_JOB,
  DecisionRecordedPayload,
  GATE_REVIEW_DECIDED_JOB,
  GateReviewDecidedPayload,
  GATE_REVIEW_SUBMITTED_JOB,
  GateReviewSubmittedPayload,
  CORRECTIVE_ACTION_OVERDUE_JOB,
  ActionOverduePayload,
  ObligationTimePayload,
  REPORTING_OBLIGATION_LATE_JOB,
  REPORTING_OBLIGATION_MISSING_JOB,
  TENANT_COMPLIANCE_RAG_CHANGED_JOB,
  TenantComplianceRagChangedPayload,
} from './governance-events.jobs';

@Injectable()
export class GovernanceEventsHandler {
  private readonly logger = new Logger(GovernanceEventsHandler.name);

  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(DECISION_RECORDED_JOB)
  async decisionRecorded(payload: DecisionRecordedPayload): Promise<void> {
    await this.consume(payload.outboxId, `decision ${payload.decisionId} (${payload.kind}) on project ${payload.projectId}`);
  }

  @OnJob(GATE_REVIEW_SUBMITTED_JOB)
  async gateReviewSubmitted(payload: GateReviewSubmittedPayload): Promise<void> {
    await this.consume(payload.outboxId, `gate review ${payload.reviewId} of project ${payload.projectId} submitted`);
  }

  @OnJob(GATE_REVIEW_DECIDED_JOB)
  async gateReviewDecided(payload: GateReviewDecidedPayload): Promise<void> {
    await this.consume(payload.outboxId, `gate review ${payload.reviewId} of project ${payload.projectId} ${payload.state}`);
  }

  @OnJob(COMPLIANCE_RAG_CHANGED_JOB)
  async complianceRagChanged(payload: ComplianceRagChangedPayload): Promise<void> {
    await this.consume(payload.outboxId, `compliance RAG of ${payload.changes.length} project(s) under ${payload.tenantId} changed in ${payload.period}`);
  }

  @OnJob(TENANT_COMPLIANCE_RAG_CHANGED_JOB)
  async tenantComplianceRagChanged(payload: TenantComplianceRagChangedPayload): Promise<void> {
    await this.consume(payload.outboxId, `compliance of tenant ${payload.tenantId} in ${payload.period}: ${payload.from ?? 'none'} → ${payload.to ?? 'none'}`);
  }

  @OnJob(REPORTING_OBLIGATION_LATE_JOB)
  async obligationLate(payload: ObligationTimePayload): Promise<void> {
    await this.consume(payload.outboxId, `report of project ${payload.projectId} for ${payload.period} late`);
  }

  @OnJob(REPORTING_OBLIGATION_MISSING_JOB)
  async obligationMissing(payload: ObligationTimePayload): Promise<void> {
    await this.consume(payload.outboxId, `report of project ${payload.projectId} for ${payload.period} missing`);
  }

  @OnJob(CORRECTIVE_ACTION_OVERDUE_JOB)
  async actionOverdue(payload: ActionOverduePayload): Promise<void> {
    await this.consume(payload.outboxId, `corrective action ${payload.actionId} of project ${payload.projectId} overdue`);
  }

  private async consume(outboxId: string, what: string): Promise<void> {
    const fresh = await this.db.transaction((em) => this.outbox.complete(em, outboxId));
    if (fresh) this.logger.log(what);
  }
}

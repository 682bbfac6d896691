// Governance's events, published through the outbox in the transaction of the change:
// a portfolio decision, a submitted and a decided gate review, projects' compliance RAG changing, and a
// tenant's compliance RAG changing (its rollup, written by the rollup engine). They
// are the hook for the notifications, webhooks and dashboard to come, which will consume
// them here; until then their handler only logs (GovernanceEventsHandler).
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface DecisionRecordedPayload extends OutboxPayload {
  decisionId: string;
  projectId: string;
  kind: string;
}

export interface GateReviewSubmittedPayload extends OutboxPayload {
  reviewId: string;
  projectId: string;
}

export interface GateReviewDecidedPayload extends OutboxPayload {
  reviewId: string;
  projectId: string;
  state: string;
}

/** What one re-evaluation of the subtree of `tenantId` changed: one event, however many projects. */
export interface ComplianceRagChangedPayload extends OutboxPayload {
  period: string;
  /** `from` is null for a project's first score of the period. */
  changes: Array<{ projectId: string; from: string | null; to: string | null }>;
}

/** A tenant's compliance figure (the mean of its subtree's project scores) changed colour in a period. */
export interface TenantComplianceRagChangedPayload extends OutboxPayload {
  period: string;
  /** Null when the tenant had no figure before, or has none now. */
  from: string | null;
  to: string | null;
}

// The outbox row's id as the job id: a republished job still queued is not added twice.
const options = ({ outboxId }: OutboxPayload) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId });

export const DECISION_RECORDED_JOB = defineJob<DecisionRecordedPayload>({ name: 'governance.decision-recorded', queue: QueueName.EVENTS, options });

/** Named as its event type, as every new event is. */
export const GATE_REVIEW_SUBMITTED_JOB = defineJob<GateReviewSubmittedPayload>({ name: 'gate_review.submitted', queue: QueueName.EVENTS, options });

export const GATE_REVIEW_DECIDED_JOB = defineJob<GateReviewDecidedPayload>({
  name: 'governance.gate-review-decided',
  queue: QueueName.EVENTS,
  options,
});

export const COMPLIANCE_RAG_CHANGED_JOB = defineJob<ComplianceRagChangedPayload>({
  name: 'governance.compliance-rag-changed',
  queue: QueueName.EVENTS,
  options,
});

export const TENANT_COMPLIANCE_RAG_CHANGED_JOB = defineJob<TenantComplianceRagChangedPayload>({
  name: 'governance.tenant-compliance-rag-changed',
  queue: QueueName.EVENTS,
  options,
});

/** A report that time made LATE or MISSING (the hourly detection tells each once). */
export interface ObligationTimePayload extends OutboxPayload {
  projectId: string;
  period: string;
}

export interface ActionOverduePayload extends OutboxPayload {
  actionId: string;
  projectId: string;
}

export const REPORTING_OBLIGATION_LATE_JOB = defineJob<ObligationTimePayload>({ name: 'reporting_obligation.late', queue: QueueName.EVENTS, options });

export const REPORTING_OBLIGATION_MISSING_JOB = defineJob<ObligationTimePayload>({ name: 'reporting_obligation.missing', queue: QueueName.EVENTS, options });

export const CORRECTIVE_ACTION_OVERDUE_JOB = defineJob<ActionOverduePayload>({ name: 'corrective_action.overdue', queue: QueueName.EVENTS, options });

/** The detection of what time alone changed; a failed run is not retried, the next hour's does its work. */
export const GOVERNANCE_TIME_EVENTS_JOB = defineJob({
  name: 'governance.time-events',
  queue: QueueName.MAINTENANCE,
  options: () => ({ attempts: 1 }),
  every: () => 3600_000,
});

// Features whose changes move a project's compliance (status reports, KPI values and
// milestones in projects; gate reviews, corrective actions and waivers in governance) ask
// for its re-evaluation through this port; governance implements it with its outbox job,
// so no feature imports another and a re-evaluation survives the queue being down.
import type { EntityManager } from 'typeorm';
import type { JobDefinition } from './job-definition';
import type { OutboxPayload } from './outbox.entity';

/** One project's compliance in one period, which a change may have moved. */
export interface ComplianceChange {
  orgId: string;
  tenantId: string;
  projectId: string;
  /** YYYY-MM. */
  period: string;
}

/** How many months back a change re-evaluates (a milestone or action due long ago): older figures are history. */
export const COMPLIANCE_HORIZON = 12;

/**
 * A change's re-evaluation as the outbox row a single-statement write adds itself: the
 * statement sets the payload's tenantId (and the row's tenant and organization) from the
 * project it locks; once it has committed, the caller enqueues the job with that payload.
 */
export interface ComplianceEvent {
  job: JobDefinition<OutboxPayload>;
  payload: Omit<OutboxPayload, 'tenantId'> & Record<string, unknown>;
}

export abstract class ComplianceFeed {
  /** Re-evaluates these projects for these periods once the transaction `em` belongs to commits (written with it). */
  abstract changed(em: EntityManager, changes: readonly ComplianceChange[]): Promise<void>;

  /** One project's change in one period, for a write that adds the outbox row in its own statement. */
  abstract event(projectId: string, period: string): ComplianceEvent;
}

// Features whose changes move a project's compliance (status reports, KPI values and
// milestones in projects; gate reviews, corrective actions and waivers in governance) ask
// for its re-evaluation through this port; governance implements it with its outbox job,
// so no feature imports another and a re-evaluation survives the queue being down.
import type { EntityManager } from 'typeorm';

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

export abstract class ComplianceFeed {
  /** Re-evaluates these projects for these periods once the transaction `em` belongs to commits (written with it). */
  abstract changed(em: EntityManager, changes: readonly ComplianceChange[]): Promise<void>;
}

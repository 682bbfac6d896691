// Which compliance figures a governance change moves, for core's ComplianceFeed.
import { COMPLIANCE_HORIZON, ComplianceChange, periodOf, periodsBetween } from '@pmo/core';

interface Scoped {
  projectId: string;
  tenantId: string;
  orgId: string;
}

/** The project's figure for the current period: a gate passed, a state changed. */
export function currentPeriodChange(scope: Scoped, now = new Date()): ComplianceChange[] {
  return [{ orgId: scope.orgId, tenantId: scope.tenantId, projectId: scope.projectId, period: periodOf(now) }];
}

/** An action due on `dueDate` is overdue (or not) at the end of every period from its due month to now. */
export function actionChanges(action: Scoped & { dueDate: string }, now = new Date()): ComplianceChange[] {
  return periodsBetween(action.dueDate.slice(0, 7), periodOf(now), COMPLIANCE_HORIZON).map((period) => ({
    orgId: action.orgId,
    tenantId: action.tenantId,
    projectId: action.projectId,
    period,
  }));
}

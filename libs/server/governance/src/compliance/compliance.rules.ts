// Compliance as pure rules: a project's checks for one period, from facts read as of a
// reference instant (the end of the period, or now for the current one), and its score,
// the share of the applicable checks it meets.
import { periodEnd } from '@pmo/core';
import { ObligationState } from '../obligations/obligation.rules';

export enum ComplianceRule {
  REPORT_ON_TIME = 'REPORT_ON_TIME',
  MANDATORY_KPIS_REPORTED = 'MANDATORY_KPIS_REPORTED',
  MILESTONES_ON_TIME = 'MILESTONES_ON_TIME',
  GATES_PASSED = 'GATES_PASSED',
  ACTIONS_ON_TIME = 'ACTIONS_ON_TIME',
}

export interface ComplianceCheck {
  rule: ComplianceRule;
  met: boolean;
  detail: string | null;
}

export interface ComplianceFacts {
  period: string;
  /** The period's obligation, as of the evaluation. */
  obligation: ObligationState;
  /** Keys of the mandatory KPIs in force without a value for the period. */
  mandatoryMissing: string[];
  /** Milestones LATE at the reference instant. */
  lateMilestones: string[];
  followsMethodology: boolean;
  /** Gates of the phases before the one the project was in at the reference instant, not passed by then. */
  unpassedGates: string[];
  /** Corrective actions overdue at the reference instant. */
  overdueActions: string[];
}

/** The end of the period, or `now` while the period runs (or is still ahead). */
export function referenceInstant(period: string, now: Date): Date {
  const end = periodEnd(period);
  return end.getTime() < now.getTime() ? end : now;
}

const MET_REPORT = new Set([ObligationState.FULFILLED, ObligationState.WAIVED, ObligationState.DUE]);

const list = (items: readonly string[]) => items.join(', ');

/** The applicable checks, in the contract's order. */
export function complianceChecks(facts: ComplianceFacts): ComplianceCheck[] {
  const check = (rule: ComplianceRule, met: boolean, detail: string): ComplianceCheck => ({ rule, met, detail: met ? null : detail });
  const checks = [
    check(ComplianceRule.REPORT_ON_TIME, MET_REPORT.has(facts.obligation), `The report for ${facts.period} is ${facts.obligation}`),
    check(
      ComplianceRule.MANDATORY_KPIS_REPORTED,
      facts.obligation === ObligationState.DUE || facts.mandatoryMissing.length === 0,
      `No value for ${list(facts.mandatoryMissing)}`,
    ),
    check(ComplianceRule.MILESTONES_ON_TIME, facts.lateMilestones.length === 0, `Late milestones: ${list(facts.lateMilestones)}`),
  ];
  if (facts.followsMethodology) {
    checks.push(check(ComplianceRule.GATES_PASSED, facts.unpassedGates.length === 0, `Gates not passed: ${list(facts.unpassedGates)}`));
  }
  checks.push(check(ComplianceRule.ACTIONS_ON_TIME, facts.overdueActions.length === 0, `Overdue actions: ${list(facts.overdueActions)}`));
  return checks;
}

/** Met checks over applicable ones, 0 to 1. */
export function complianceScore(checks: readonly ComplianceCheck[]): number {
  return checks.length ? checks.filter((c) => c.met).length / checks.length : 1;
}

// Competency's rules, pure: a certification's validity on a day, a person's level, the
// rule in force along a tenant's path, raise-only rules, and the checks of records' dates.
import { badInput } from '@pmo/core';

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;
export const MIN_TIER = 1;
export const MAX_TIER = 3;
/** Certifications expiring within this many days are announced (once each). */
export const EXPIRY_NOTICE_DAYS = 60;

export interface DatedCertification {
  level: number;
  /** YYYY-MM-DD. */
  issuedOn: string;
  expiresOn: string | null;
}

/** Issued on or before `today` and not expired: valid through its expiry day (all dates YYYY-MM-DD, UTC). */
export function isValid(certification: Pick<DatedCertification, 'issuedOn' | 'expiresOn'>, today: string): boolean {
  return certification.issuedOn <= today && (certification.expiresOn === null || certification.expiresOn >= today);
}

/** The highest level of the valid certifications, 0 without one. */
export function levelOf(certifications: readonly DatedCertification[], today: string): number {
  return certifications.reduce((level, certification) => (isValid(certification, today) ? Math.max(level, certification.level) : level), 0);
}

/** An expiry never comes before the issue. */
export function checkCertificationDates(issuedOn: string, expiresOn: string | null): void {
  if (expiresOn !== null && expiresOn < issuedOn) throw badInput('expiresOn may not be before issuedOn', { field: 'expiresOn' });
}

export interface RuleOnPath {
  tenantId: string;
  tenantName: string;
  /** The tenant's depth: 0 for the hub. */
  depth: number;
  tier: number;
  minManagerLevel: number;
}

/** The rule in force for one tier: the highest minimum along the path (the shallowest tenant on a tie), or null. */
export function ruleInForce<Rule extends RuleOnPath>(rules: readonly Rule[], tier: number): Rule | null {
  let best: Rule | null = null;
  for (const rule of rules) {
    if (rule.tier !== tier) continue;
    if (!best || rule.minManagerLevel > best.minManagerLevel || (rule.minManagerLevel === best.minManagerLevel && rule.depth < best.depth)) best = rule;
  }
  return best;
}

export const describeRule = (rule: RuleOnPath) =>
  `the competency rule of ${rule.tenantName} (tier ${rule.tier} projects need a manager of level ${rule.minManagerLevel} or above)`;

/** A descendant may only raise what its ancestors require: a lower minimum than theirs is refused, naming their rule. */
export function checkRaiseOnly(ancestorsRule: RuleOnPath | null, minManagerLevel: number): void {
  if (ancestorsRule && minManagerLevel < ancestorsRule.minManagerLevel) {
    throw badInput(`A tenant may only raise the minimum its ancestors set: ${describeRule(ancestorsRule)}`, { field: 'minManagerLevel' });
  }
}

/** Why a manager of `level` may not manage a project under `rule`, naming it; null when they may. */
export function managerShortfall(rule: RuleOnPath | null, level: number): string | null {
  if (!rule || level >= rule.minManagerLevel) return null;
  return `The manager's level is ${level}, below ${describeRule(rule)}`;
}

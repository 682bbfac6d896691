// Reporting obligations as pure rules. The report for period P is due at the end of day
// `dueDay` (UTC) of the month after P, and is late for `graceDays` days after that. An
// obligation's state is derived, as of any instant, from that schedule, the first time the
// report was submitted and any waiver; nothing of it is stored.
import { periodEnd } from '@pmo/core';

export enum ObligationState {
  DUE = 'DUE',
  LATE = 'LATE',
  MISSING = 'MISSING',
  FULFILLED = 'FULFILLED',
  FULFILLED_LATE = 'FULFILLED_LATE',
  WAIVED = 'WAIVED',
}

/** The cadence of a project without a methodology, or whose methodology says nothing. */
export const DEFAULT_DUE_DAY = 5;
export const DEFAULT_GRACE_DAYS = 5;

const DAY_MS = 86_400_000;

/** The instant the report for `period` falls due: the end of day `dueDay` (UTC) of the next month. */
export function dueAt(period: string, dueDay: number): Date {
  const next = periodEnd(period);
  return new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), dueDay + 1));
}

/** The instant a late report becomes missing: `graceDays` whole days after it fell due. */
export function graceEnd(due: Date, graceDays: number): Date {
  return new Date(due.getTime() + graceDays * DAY_MS);
}

export interface ObligationFacts {
  dueAt: Date;
  graceDays: number;
  /** When the period's report was first submitted (a later replacement keeps this). */
  firstSubmittedAt: Date | null;
  waivedAt: Date | null;
}

/**
 * The state as of `asOf`: what was submitted or waived by then, and how time stood. A
 * waiver stands over a later submission (waiving refuses an obligation already met).
 */
export function obligationState(facts: ObligationFacts, asOf: Date): ObligationState {
  const at = asOf.getTime();
  if (facts.waivedAt && facts.waivedAt.getTime() <= at) return ObligationState.WAIVED;
  if (facts.firstSubmittedAt && facts.firstSubmittedAt.getTime() <= at) {
    return facts.firstSubmittedAt.getTime() < facts.dueAt.getTime() ? ObligationState.FULFILLED : ObligationState.FULFILLED_LATE;
  }
  if (at < facts.dueAt.getTime()) return ObligationState.DUE;
  if (at < graceEnd(facts.dueAt, facts.graceDays).getTime()) return ObligationState.LATE;
  return ObligationState.MISSING;
}

export interface ObligationCounts {
  expected: number;
  due: number;
  late: number;
  missing: number;
  fulfilled: number;
  fulfilledLate: number;
  waived: number;
}

export function countStates(states: readonly ObligationState[]): ObligationCounts {
  const counts: ObligationCounts = { expected: states.length, due: 0, late: 0, missing: 0, fulfilled: 0, fulfilledLate: 0, waived: 0 };
  const key: Record<ObligationState, keyof ObligationCounts> = {
    [ObligationState.DUE]: 'due',
    [ObligationState.LATE]: 'late',
    [ObligationState.MISSING]: 'missing',
    [ObligationState.FULFILLED]: 'fulfilled',
    [ObligationState.FULFILLED_LATE]: 'fulfilledLate',
    [ObligationState.WAIVED]: 'waived',
  };
  for (const state of states) counts[key[state]]++;
  return counts;
}

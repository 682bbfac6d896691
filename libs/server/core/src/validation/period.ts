// Reporting periods are calendar months, YYYY-MM: one rule for every feature.
import { badInput } from '../errors/domain-error';

const PERIOD = /^(\d{4})-(\d{2})$/;

/** Why a period is not a valid YYYY-MM between 2000-01 and 2100-12, or null. */
export function periodProblem(period: string): string | null {
  const match = PERIOD.exec(period);
  if (!match) return 'period must be YYYY-MM';
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || year > 2100) return 'period year must be between 2000 and 2100';
  if (month < 1 || month > 12) return 'period month must be 01 to 12';
  return null;
}

export function checkPeriod(period: string, field = 'period'): string {
  const problem = periodProblem(period);
  if (problem) throw badInput(problem.replace(/^period/, field), { field });
  return period;
}

/** Months from `from` to `to`, both valid periods, inclusive. */
export function periodSpan(from: string, to: string): number {
  const month = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  return month(to) - month(from) + 1;
}

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

/** The period (YYYY-MM, UTC) an instant falls in. */
export function periodOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** The periods from `from` to `to` inclusive, oldest first (none when `to` is before `from`), at most the last `max`. */
export function periodsBetween(from: string, to: string, max: number): string[] {
  const month = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  const first = Math.max(month(from), month(to) - max + 1);
  return Array.from({ length: Math.max(0, month(to) - first + 1) }, (_, i) => {
    const m = first + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

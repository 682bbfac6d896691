// ISO 8601 weeks ("2026-W48"): weeks start on Monday and week 1 is the week holding the
// year's first Thursday, so an ISO year has 52 or 53 weeks and its first days may belong
// to the previous year's last week. Pure and UTC-only: the database stores a week as the
// date of its Monday, which is what these functions convert to and from.
import { badInput } from '@pmo/core';

const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The longest range an allocation or a load query may span: two years of weeks. */
export const MAX_WEEKS = 106;

/** Whether ISO year `year` has a week 53: its 1 January is a Thursday, or a Wednesday in a leap year. */
export function weeksInIsoYear(year: number): 52 | 53 {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Why `week` is not an existing ISO week between 2000-W01 and 2100-W52, or null. */
export function isoWeekProblem(week: string): string | null {
  const match = WEEK.exec(week);
  if (!match) return 'must be an ISO week, YYYY-Www';
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return `year must be between ${FIRST_YEAR} and ${LAST_YEAR}`;
  const weeks = weeksInIsoYear(year);
  if (number < 1 || number > weeks) return `week must be 01 to ${weeks} in ${year}`;
  return null;
}

/** The Monday of week 1 of ISO year `year`, in ms since the epoch: the Monday on or before 4 January. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const isoDay = new Date(jan4).getUTCDay() || 7;
  return jan4 - (isoDay - 1) * DAY_MS;
}

/** The Monday (YYYY-MM-DD) of a valid ISO week. */
export function weekStart(week: string): string {
  const [year, number] = [Number(week.slice(0, 4)), Number(week.slice(6, 8))];
  return new Date(week1Monday(year) + (number - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO week (YYYY-Www) a day (YYYY-MM-DD) falls in. */
export function weekOf(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const isoDay = new Date(time).getUTCDay() || 7;
  // The week's Thursday decides its year.
  const thursday = new Date(time + (4 - isoDay) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - week1Monday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/** Weeks from `from` to `to`, both valid, inclusive (0 or less when `to` is before `from`). */
export function weekSpan(from: string, to: string): number {
  return (Date.parse(weekStart(to)) - Date.parse(weekStart(from))) / (7 * DAY_MS) + 1;
}

export interface WeekRange {
  /** Mondays, YYYY-MM-DD. */
  fromDay: string;
  toDay: string;
  weeks: number;
}

/** A range of existing weeks, forwards, at most MAX_WEEKS long; BAD_USER_INPUT naming the field otherwise. */
export function checkWeekRange(from: string, to: string, fields = { from: 'fromWeek', to: 'toWeek' }): WeekRange {
  for (const [week, field] of [
    [from, fields.from],
    [to, fields.to],
  ]) {
    const problem = isoWeekProblem(week);
    if (problem) throw badInput(`${field} ${problem}`, { field });
  }
  const weeks = weekSpan(from, to);
  if (weeks < 1) throw badInput(`${fields.to} is before ${fields.from}`, { field: fields.to });
  if (weeks > MAX_WEEKS) throw badInput(`A range spans at most ${MAX_WEEKS} weeks`, { field: fields.to });
  return { fromDay: weekStart(from), toDay: weekStart(to), weeks };
}

import { errorCode } from '@pmo/testing';
import { checkWeekRange, isoWeekProblem, MAX_WEEKS, weekOf, weeksInIsoYear, weekSpan, weekStart } from './iso-week';

describe('ISO weeks', () => {
  it('knows which years have 53 weeks (1 January a Thursday, or a Wednesday in a leap year)', () => {
    expect(weeksInIsoYear(2026)).toBe(53); // Thursday
    expect(weeksInIsoYear(2025)).toBe(52); // Wednesday, not leap
    expect(weeksInIsoYear(2020)).toBe(53); // Wednesday, leap
    expect(weeksInIsoYear(2024)).toBe(52); // Monday, leap
    expect(weeksInIsoYear(2015)).toBe(53);
    expect(weeksInIsoYear(2032)).toBe(53); // Thursday, leap
    const long = Array.from({ length: 2100 - 2000 + 1 }, (_, i) => 2000 + i).filter((y) => weeksInIsoYear(y) === 53);
    expect(long.slice(0, 6)).toEqual([2004, 2009, 2015, 2020, 2026, 2032]);
  });

  it('accepts weeks that exist and names what is wrong with the others', () => {
    expect(isoWeekProblem('2026-W48')).toBeNull();
    expect(isoWeekProblem('2026-W53')).toBeNull();
    expect(isoWeekProblem('2025-W53')).toBe('week must be 01 to 52 in 2025');
    expect(isoWeekProblem('2026-W54')).toBe('week must be 01 to 53 in 2026');
    expect(isoWeekProblem('2026-W00')).toBe('week must be 01 to 53 in 2026');
    for (const bad of ['2026-48', '2026W48', '2026-w48', '2026-W4', ' 2026-W48', '26-W48', '']) expect(isoWeekProblem(bad)).toMatch(/ISO week/);
    expect(isoWeekProblem('1999-W10')).toMatch(/year/);
    expect(isoWeekProblem('2101-W10')).toMatch(/year/);
  });

  it('maps a week to its Monday and a day to its week, across year boundaries', () => {
    expect(weekStart('2026-W48')).toBe('2026-11-23');
    expect(weekStart('2026-W01')).toBe('2025-12-29'); // week 1 of 2026 starts in 2025
    expect(weekStart('2026-W53')).toBe('2026-12-28');
    expect(weekStart('2027-W01')).toBe('2027-01-04');
    expect(weekStart('2025-W01')).toBe('2024-12-30');
    expect(weekOf('2025-12-29')).toBe('2026-W01');
    expect(weekOf('2027-01-03')).toBe('2026-W53'); // a Sunday of 2027 in 2026's week 53
    expect(weekOf('2021-01-03')).toBe('2020-W53');
    expect(weekOf('2024-12-31')).toBe('2025-W01');
    expect(weekOf('2026-11-29')).toBe('2026-W48');
    // Round trip over every week of a century.
    for (let year = 2000; year <= 2100; year++) {
      for (let week = 1; week <= weeksInIsoYear(year); week++) {
        const label = `${year}-W${String(week).padStart(2, '0')}`;
        expect(weekOf(weekStart(label))).toBe(label);
      }
    }
  });

  it('counts a range inclusively over week 53', () => {
    expect(weekSpan('2026-W52', '2027-W01')).toBe(3);
    expect(weekSpan('2025-W52', '2026-W01')).toBe(2);
    expect(weekSpan('2026-W48', '2026-W48')).toBe(1);
    expect(weekSpan('2026-W10', '2026-W09')).toBe(0);
  });

  it('checks a range: existing weeks, forwards, bounded; errors name the field', () => {
    expect(checkWeekRange('2026-W52', '2027-W02')).toEqual({ fromDay: '2026-12-21', toDay: '2027-01-11', weeks: 4 });
    const field = (from: string, to: string) => {
      try {
        checkWeekRange(from, to);
      } catch (error) {
        return (error as { details?: { field: string } }).details?.field;
      }
      return null;
    };
    expect(errorCode(() => checkWeekRange('2026-W54', '2026-W54'))).toBe('BAD_USER_INPUT');
    expect(field('2026-W54', '2027-W01')).toBe('fromWeek');
    expect(field('2026-W01', '2025-W53')).toBe('toWeek');
    expect(field('2026-W10', '2026-W09')).toBe('toWeek');
    expect(field('2026-W01', '2026-W01')).toBeNull();
    const last = weekOf(new Date(Date.parse(weekStart('2026-W01')) + (MAX_WEEKS - 1) * 7 * 86_400_000).toISOString().slice(0, 10));
    expect(field('2026-W01', last)).toBeNull();
    expect(field('2026-W01', weekOf(new Date(Date.parse(weekStart(last)) + 7 * 86_400_000).toISOString().slice(0, 10)))).toBe('toWeek');
  });
});

import { periodOf } from '@pmo/core';
import { dateOf, isCalendarDate, periodEnd } from './dates';

describe('governance dates (UTC)', () => {
  it('ends a period at the first instant of the next month, across the year end and in leap years', () => {
    expect(periodEnd('2026-01').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(periodEnd('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodEnd('2024-02').toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });

  it('reads the period and day of an instant in UTC, whatever the local offset said', () => {
    // 23:30 on 31 January at UTC-05:00 is already 1 February in UTC.
    const instant = new Date('2026-01-31T23:30:00-05:00');
    expect(periodOf(instant)).toBe('2026-02');
    expect(dateOf(instant)).toBe('2026-02-01');
    expect(periodOf(new Date('2026-03-01T00:30:00+01:00'))).toBe('2026-02');
  });

  it('accepts calendar dates that exist only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    for (const bad of ['2026-13-01', '2026-04-31', '26-01-01', '2026-1-1', '', 20260101]) expect(isCalendarDate(bad)).toBe(false);
  });
});

import { DomainError } from '../errors/domain-error';
import { addDays, checkDate, dateOf, isCalendarDate, periodEnd } from './dates';
import { periodOf } from './period';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'OK';
};

describe('dates (UTC)', () => {
  it('accepts calendar dates that exist only', () => {
    expect(checkDate('2024-02-29', 'd')).toBe('2024-02-29');
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    for (const bad of ['2023-02-29', '2026-13-01', '2026-04-31', '2026-1-1', 'tomorrow', '1899-12-31', '2201-01-01', '']) {
      expect(codeOf(() => checkDate(bad, 'd'))).toBe('BAD_USER_INPUT');
    }
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
  });

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
});

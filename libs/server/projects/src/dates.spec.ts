import { addDays, checkDate, isCalendarDate } from './dates';
import { errorCode } from '@pmo/testing';

describe('dates', () => {
  it('refuses days that do not exist', () => {
    expect(checkDate('2024-02-29', 'd')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-13-01', '2026-1-1', 'tomorrow', '1899-12-31', '2201-01-01']) {
      expect(errorCode(() => checkDate(bad, 'd'))).toBe('BAD_USER_INPUT');
    }
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
  });
});

import { formatAge, formatNumber, formatPeriod, formatShare, humanize, isPeriod, periodOf, periodsEndingAt, shiftPeriod } from './format';

describe('periods', () => {
  it('shifts across years both ways', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-05', -17)).toBe('2024-12');
  });

  it('lists the 12 periods ending at one, oldest first', () => {
    const periods = periodsEndingAt('2026-03', 12);
    expect(periods).toHaveLength(12);
    expect(periods[0]).toBe('2025-04');
    expect(periods[11]).toBe('2026-03');
  });

  it('takes the period of an instant in UTC, and accepts only YYYY-MM months', () => {
    expect(periodOf(new Date('2026-11-30T23:30:00-05:00'))).toBe('2026-12');
    expect(isPeriod('2026-11')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-1')).toBe(false);
    expect(isPeriod(null)).toBe(false);
  });

  it('names a period in the reader language', () => {
    expect(formatPeriod('2026-11', 'en-US')).toBe('November 2026');
    expect(formatPeriod('2026-11', 'de-DE')).toBe('November 2026');
    expect(formatPeriod('2026-03', 'fr-FR')).toBe('mars 2026');
  });
});

describe('numbers', () => {
  it('formats per locale, two decimals below 1,000 and none above', () => {
    expect(formatNumber(1234567.891, 'en-US')).toBe('1,234,568');
    expect(formatNumber(1234567.891, 'de-DE')).toBe('1.234.568');
    expect(formatNumber(12.3456, 'en-US')).toBe('12.35');
    expect(formatNumber(12.3456, 'fr-FR')).toBe('12,35');
  });

  it('adds the unit, and shows an em dash for no figure', () => {
    expect(formatNumber(42, 'en-US', '%')).toBe('42%');
    expect(formatNumber(42, 'en-US', 'EUR')).toBe('42 EUR');
    expect(formatNumber(null, 'en-US', 'EUR')).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('shows shares as percentages and ages in words', () => {
    expect(formatShare(0.8, 'en-US')).toBe('80%');
    expect(formatShare(null)).toBe('—');
    expect(formatAge(30, 'en-US')).toBe('30 seconds');
    expect(formatAge(600, 'en-US')).toBe('10 minutes');
    expect(formatAge(7200, 'en-US')).toBe('2 hours');
  });

  it('turns enum names into words', () => {
    expect(humanize('ON_HOLD')).toBe('On hold');
    expect(humanize('APPROVED_WITH_CONDITIONS')).toBe('Approved with conditions');
  });
});

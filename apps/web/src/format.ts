// Numbers, dates and periods as the reader's locale writes them. Periods are the API's
// YYYY-MM months, computed in UTC like the server's.

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string | null | undefined): value is string {
  return !!value && PERIOD.test(value);
}

export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The period `months` after (or before, when negative) `period`. */
export function shiftPeriod(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `count` consecutive periods ending with `last`, oldest first. */
export function periodsEndingAt(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));
}

/** "November 2026" in the reader's language. */
export function formatPeriod(period: string, locale?: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
}

/** A figure with at most two decimals (none from 1,000 up), and its unit; an em dash when there is none. */
export function formatNumber(value: number | null | undefined, locale?: string, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 1000 ? 0 : 2;
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/** A 0-to-1 share as a percentage. */
export function formatShare(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatDateTime(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The age of the oldest pending change, in words a reader takes in at a glance. */
export function formatAge(seconds: number, locale?: string): string {
  const unit = seconds < 90 ? 'second' : seconds < 5400 ? 'minute' : 'hour';
  const amount = unit === 'second' ? seconds : unit === 'minute' ? seconds / 60 : seconds / 3600;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(amount);
}

/** Enum names as words: ON_HOLD → "On hold". */
export function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

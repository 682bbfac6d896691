// Calendar dates (YYYY-MM-DD) and reporting periods (YYYY-MM) as every feature takes them,
// all in UTC: the checks behind input fields' declared shape and plain arguments, and the
// instants a period begins and ends at.
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';
import { badInput } from '../errors/domain-error';
import { periodProblem } from './period';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD that exists, in the years 1900 to 2200. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match || Number(match[1]) < 1900 || Number(match[1]) > 2200) return false;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
}

export function checkDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw badInput(`${field} must be a date YYYY-MM-DD`, { field });
  return value;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** An input field holding a calendar date; an optional one takes null or blank for none. */
export function CalendarDate(options: { optional?: boolean } = {}): PropertyDecorator {
  const date = ValidateBy({ name: 'calendarDate', validator: { validate: isCalendarDate, defaultMessage: () => '$property must be a date YYYY-MM-DD' } });
  return options.optional
    ? applyDecorators(
        Transform(({ value }) => (value === '' ? null : value)),
        IsOptional(),
        date,
      )
    : date;
}

/** An input field holding a reporting period, YYYY-MM from 2000-01 to 2100-12. */
export function Period(): PropertyDecorator {
  return ValidateBy({
    name: 'period',
    validator: {
      validate: (value) => typeof value === 'string' && periodProblem(value) === null,
      defaultMessage: (args) => (periodProblem(String(args?.value)) ?? '').replace(/^period/, '$property'),
    },
  });
}

/** The UTC date (YYYY-MM-DD) an instant falls on. */
export function dateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The first instant of the month after `period` (UTC): where the period ends. */
export function periodEnd(period: string): Date {
  return new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 1));
}

// Errors the services raise. The GraphQL layer reports `code` as extensions.code; anything
// that is not a DomainError is reported as an internal error without its details.

import { IntrinsicException } from '@nestjs/common';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'RATE_LIMITED';

/** Expected errors: Nest does not log them (they are the caller's, answered with a code). */
export class DomainError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: { field: string }) => new DomainError('CONFLICT', message, details);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
/** Too many requests: retry after `seconds` (a whole number, at least 1). */
export const rateLimited = (seconds: number, message = 'Too many requests') =>
  new DomainError('RATE_LIMITED', message, { retryAfter: Math.max(1, Math.ceil(seconds)) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id the caller sent: malformed ids are bad input, never a database error. */
export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw badInput(`${field} is not a valid id`, { field });
  return value.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

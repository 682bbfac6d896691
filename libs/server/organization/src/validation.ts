// Input rules for identities and tenants: pure, unit-tested.
import { badInput, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@pmo/core';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) throw badInput('email is not a valid email address', { field: 'email' });
  return value;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badInput(`password must be at most ${MAX_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  return password;
}

export const MAX_PAGE_SIZE = 100;

export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return first;
}

/** Audit cursors are opaque to clients: the entry id, base64url-encoded. */
export function encodeAuditCursor(id: string): string {
  return Buffer.from(`audit:${id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): string {
  const match = /^audit:([1-9][0-9]{0,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || BigInt(match[1]) > 9223372036854775807n) throw badInput('after is not a valid cursor', { field: 'after' });
  return match[1];
}

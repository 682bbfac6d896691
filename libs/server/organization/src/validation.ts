// Input rules for identities and tenants: pure, unit-tested.
import { badInput, Cursor, decodeCursor, encodeCursor, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@pmo/core';

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

const AUDIT_CURSORS = 'audit';
/** An entry's time to the microsecond, UTC, as the audit log query writes it. */
const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Audit cursors: the entry's time and public id, never the table's sequence. */
export function encodeAuditCursor(at: string, publicId: string): string {
  return encodeCursor({ list: AUDIT_CURSORS, key: at, id: publicId });
}

export function decodeAuditCursor(value: string): Cursor {
  const cursor = decodeCursor(value, AUDIT_CURSORS);
  if (!AT_KEY.test(cursor.key)) throw badInput('after is not a valid cursor for this list', { field: 'after' });
  return cursor;
}

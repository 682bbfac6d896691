// Input rules for identities and the audit log: emails, passwords, page sizes and cursors.
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { badInput, Cursor, decodeCursor, encodeCursor, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@pmo/core';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 254;

/** Emails are compared as the database indexes them: trimmed, lowercased. */
const normalizedEmail = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** An email address an account is made or found by: normalized, then checked. */
export function Email(): PropertyDecorator {
  const invalid = { message: '$property is not a valid email address' };
  return applyDecorators(Transform(normalizedEmail), IsString(invalid), MaxLength(MAX_EMAIL_LENGTH, invalid), Matches(EMAIL, invalid));
}

/** An email to sign in with: normalized only, since an unknown and a malformed one are answered alike. */
export function LoginEmail(): PropertyDecorator {
  return Transform(normalizedEmail);
}

/** A password being set: 12 to 256 characters, as given (never trimmed). */
export function NewPassword(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: '$property must be text' }),
    MinLength(MIN_PASSWORD_LENGTH, { message: `$property must be at least ${MIN_PASSWORD_LENGTH} characters` }),
    MaxLength(MAX_PASSWORD_LENGTH, { message: `$property must be at most ${MAX_PASSWORD_LENGTH} characters` }),
  );
}

export const MAX_PAGE_SIZE = 100;

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

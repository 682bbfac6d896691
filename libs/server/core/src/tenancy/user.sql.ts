// Accounts' passwords through the database's functions: the runtime roles never read a
// password hash, they hand the database a key derived from a password and it compares.
import { statement } from '../database/sql';

export interface UserCredentialsRow {
  id: string;
  /** scrypt$N$r$p$salt; empty for an account invited before it existed (no password until it signs up). */
  passwordSettings: string;
}

/** An account by email (case-insensitively), with what deriving a key from a password needs. */
export const USER_BY_EMAIL = statement<UserCredentialsRow, [email: string]>(
  'user-by-email',
  'SELECT id, password_settings AS "passwordSettings" FROM pmo_user_by_email($1)',
);

export interface UserWithSettingsRow extends UserCredentialsRow {
  email: string;
}

/** A visible account by id, with its password settings. */
export const USER_WITH_SETTINGS = statement<UserWithSettingsRow, [userId: string]>(
  'user-with-settings',
  'SELECT u.id, u.email, s.password_settings AS "passwordSettings" FROM users u, pmo_user_by_email(u.email) s WHERE u.id = $1',
);

/** The caller's own password, given the key of the current one; ends every session of theirs. */
export const CHANGE_OWN_PASSWORD = statement<{ changed: boolean }, [currentHash: string, newHash: string]>(
  'change-own-password',
  'SELECT pmo_change_password($1, $2) AS changed',
);

/** A visible user's identity. */
export const USER_BY_ID = statement<{ id: string; email: string }, [userId: string]>('user-by-id', 'SELECT id, email FROM users WHERE id = $1');

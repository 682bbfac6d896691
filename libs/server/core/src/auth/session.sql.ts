// Sessions open and stand by the database's functions: opening one needs the key of the
// user's password; whether one stands is a yes or no outside any tenant context.
import { statement } from '../database/sql';

/** A new session when the key matches the user's password; null otherwise. */
export const OPEN_SESSION = statement<{ id: string | null }, [userId: string, passwordHash: string, ttlSeconds: number]>(
  'open-session',
  'SELECT pmo_open_session($1, $2, $3) AS id',
);

/** The session's user while it stands (not ended, not expired, the user a member somewhere); null otherwise. */
export const SESSION_USER = statement<{ userId: string | null }, [sessionId: string]>('session-user', 'SELECT pmo_session_user($1) AS "userId"');

// Entering a transaction's tenant context: the database's entry functions sign the
// settings RLS reads, each only for what its caller is owed.
import type { MembershipGrant } from '../tenancy/request-context';
import { statement } from './sql';

export interface EnteredSessionRow {
  userId: string;
  /** The user's ACTIVE memberships. */
  grants: MembershipGrant[];
}

/** A live session's context; raises 28000 when the session has ended. */
export const ENTER_SESSION = statement<EnteredSessionRow, [sessionId: string]>(
  'enter-session',
  'SELECT user_id AS "userId", grants FROM pmo_enter_session($1)',
);

/** A job's context: the tenant's subtree (the worker's role only). */
export const ENTER_TENANT = statement<never, [tenantId: string]>('enter-tenant', 'SELECT pmo_enter_tenant($1)');

/** Sign-up's context: a hub that does not exist yet, for a new or invited-only user. */
export const ENTER_SIGNUP = statement<never, [userId: string, hubId: string]>('enter-signup', 'SELECT pmo_enter_signup($1, $2)');

/** Any answer at all: the database is up and this pool can reach it. */
export const PING = statement<{ one: number }, []>('ping', 'SELECT 1 AS one');

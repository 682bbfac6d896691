// Entering a transaction's tenant context: the database's entry functions sign the
// settings RLS reads, each only for what its caller is owed.
import { unauthenticated } from '../errors/domain-error';
import type { Actor, MembershipGrant, RequestContext } from '../tenancy/request-context';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A read-only transaction entered as `actor`, in one round trip: a simple query (BEGIN
 * and the entry together), so its one value is inlined, and only ever a checked uuid.
 * Its second result is the entry's (a session's user and grants).
 */
export function beginReadsAs(actor: Actor): { text: string; statements: string[] } {
  const id = actor.kind === 'user' ? actor.sessionId : actor.kind === 'system' ? actor.tenantId : undefined;
  if (id === undefined || !UUID.test(id)) throw unauthenticated();
  const entry = actor.kind === 'user' ? `SELECT user_id AS "userId", grants FROM pmo_enter_session('${id}')` : `SELECT pmo_enter_tenant('${id}')`;
  const statements = ['BEGIN READ ONLY', entry];
  return { text: statements.join('; '), statements };
}

/** PostgreSQL's invalid_authorization_specification: the session has ended. */
const SESSION_ENDED = '28000';

/** Whether entering a session failed because the session has ended. */
export const sessionHasEnded = (error: unknown): boolean => (error as { code?: string }).code === SESSION_ENDED;

/** Entering a session that has ended is UNAUTHENTICATED, like a bad token. */
export function endedSession(error: unknown): never {
  if (sessionHasEnded(error)) throw unauthenticated('Invalid or expired token');
  throw error;
}

/** Checks what entering a session answered: it is the actor's; the request keeps its grants for authorization. */
export function admitSession(entered: EnteredSessionRow | undefined, actor: Actor, context?: RequestContext): void {
  if (actor.kind !== 'user') return;
  if (entered?.userId !== actor.userId) throw unauthenticated('Invalid or expired token');
  if (context && context.actor === actor) context.memberships ??= Promise.resolve(entered.grants);
}

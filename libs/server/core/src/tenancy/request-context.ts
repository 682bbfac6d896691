// The tenant context of the running request or job, kept in AsyncLocalStorage: set once
// where the request or job enters, read by the data layer. Reading it when unset throws:
// a missing context is an error, never "see everything".
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '@pmo/shared';

export type Actor =
  /** An authenticated user: sees the subtrees of their memberships while the session stands. */
  | { kind: 'user'; userId: string; sessionId: string }
  /** A job acting for one tenant: sees that tenant's subtree. */
  | { kind: 'system'; tenantId: string }
  /** Sign-up: the organization being created, before any membership exists. */
  | { kind: 'signup'; userId: string; hubId: string }
  /** No user: no token, or one that was refused (tokenRejected, for logs only: both answer alike). */
  | { kind: 'anonymous'; tokenRejected?: true };

export interface MembershipGrant {
  tenantId: string;
  role: Role;
}

export interface RequestContext {
  requestId: string;
  actor: Actor;
  /** The caller's network address, for throttling (HTTP: the socket's peer). */
  clientAddress?: string;
  /** The user's memberships, loaded once per request by AccessService. */
  memberships?: Promise<MembershipGrant[]>;
  /** A query operation's: its reads share one read-only transaction (database/request-reads). */
  sharedReads?: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext {
  const context = storage.getStore();
  if (!context) throw new Error('No tenant context: data access outside a request or job');
  return context;
}

/** For logs only: never use it to decide access. */
export function peekContext(): RequestContext | undefined {
  return storage.getStore();
}

// The only way services reach PostgreSQL: a transaction that first enters the current
// context's tenant set (set_config(..., true), so it ends with the transaction and a pooled
// connection never carries one request's tenants into the next). Nested calls join the
// open transaction; work registered with afterCommit runs once it has committed.
import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid, unauthenticated } from '../errors/domain-error';
import { fromDatabaseError, learnUniqueFields } from './pg-errors';
import { OpenTransaction, RequestReads } from './request-reads';
import { SESSION_USER } from '../auth/session.sql';
import { run, runOne, runPrepared } from './sql';
import { admitSession, endedSession, ENTER_SESSION, sessionHasEnded, ENTER_SIGNUP, ENTER_TENANT, PING } from './tenant-context.sql';
import { Actor, currentContext, RequestContext } from '../tenancy/request-context';

const open = new AsyncLocalStorage<OpenTransaction>();
const MAX_ATTEMPTS = 3;

/**
 * Sets the RLS settings of `actor` on the transaction `em` belongs to, through the
 * database's entry functions (they sign the settings; hand-set ones grant nothing).
 * Entering as a user checks that their session stands and yields their memberships,
 * which the request keeps for authorization.
 */
export async function enterTenantContext(em: EntityManager, actor: Actor, context?: RequestContext): Promise<void> {
  switch (actor.kind) {
    case 'user':
      admitSession(await runOne(em, ENTER_SESSION, [actor.sessionId]).catch(endedSession), actor, context);
      return;
    case 'system':
      await run(em, ENTER_TENANT, [actor.tenantId]);
      return;
    case 'signup':
      await run(em, ENTER_SIGNUP, [actor.userId, actor.hubId]);
      return;
    case 'anonymous':
      throw unauthenticated();
  }
}

@Injectable()
export class TenantDb {
  private readonly logger = new Logger(TenantDb.name);

  constructor(private readonly dataSource: DataSource) {
    learnUniqueFields(dataSource.entityMetadatas);
  }

  /**
   * Runs fn in the open transaction, or in a new one entered as the current context's
   * actor. `fresh` always opens a new one (for batched loads that may run after the
   * caller's transaction ended); `as` enters as another actor (sign-up). A deadlock or
   * serialization failure rolls back and runs fn again (three attempts in all), so fn
   * touches only the database; other effects go through afterCommit.
   */
  async transaction<T>(fn: (em: EntityManager) => Promise<T>, options: { fresh?: boolean; as?: Actor } = {}): Promise<T> {
    const active = open.getStore();
    if (active?.reads && !options.as) {
      // Work nested in a query's shared reads joins them, unless the response is done:
      // then it gets a transaction of its own, which nothing would otherwise end.
      if (currentContext().sharedReads) return active.reads.run(fn, active);
    } else if (active && !options.fresh && !options.as) return fn(active.em);
    const context = currentContext();
    if (context.sharedReads && !options.as)
      return this.sharedReads(context)
        .run(fn)
        .catch((error: unknown) => Promise.reject(fromDatabaseError(error)));
    const actor = options.as ?? context.actor;
    return this.retried('transaction', async () => {
      const tx: OpenTransaction = { em: undefined as unknown as EntityManager, afterCommit: [] };
      const result = await this.dataSource.transaction(async (em) => {
        tx.em = em;
        await enterTenantContext(em, actor, context);
        return open.run(tx, () => fn(em));
      });
      await this.runAfterCommit(tx);
      return result;
    });
  }

  /**
   * One statement that is its own transaction and enters the caller's context itself (a
   * pmo_* function given the caller's session): one round trip instead of BEGIN, the
   * entry, the work and COMMIT. Work registered with afterCommit runs once it returns; a
   * deadlock or serialization failure runs it again, as in `transaction`.
   */
  async statement<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.retried('statement', async () => {
      // A manager of its own: after-commit batches are kept by manager.
      const tx: OpenTransaction = { em: this.dataSource.createEntityManager(), afterCommit: [] };
      const result = await open.run(tx, () => fn(tx.em));
      await this.runAfterCommit(tx);
      return result;
    });
  }

  /**
   * Runs `attempt` again after a deadlock or serialization failure (it rolled everything
   * back), three attempts in all; an ended session is UNAUTHENTICATED, any other failure
   * the domain error it maps to.
   */
  private async retried<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (sessionHasEnded(error)) throw unauthenticated('Invalid or expired token');
        const code = (error as { code?: string }).code;
        if (n >= MAX_ATTEMPTS || (code !== '40P01' && code !== '40001')) throw fromDatabaseError(error);
        this.logger.warn(`${what} retried after ${code} (attempt ${n})`);
      }
    }
  }

  private sharedReads(context: RequestContext): RequestReads {
    return RequestReads.of(context, this.dataSource, (tx, fn) => open.run(tx, fn));
  }

  private async runAfterCommit(tx: OpenTransaction): Promise<void> {
    for (const task of tx.afterCommit) {
      // The commit stands whatever happens here: what a task fails to do, a sweep redoes.
      await task().catch((error: unknown) => this.logger.warn(`after-commit task failed: ${String(error)}`));
    }
  }

  /**
   * Statements outside any tenant context, where every table reads as empty: only for the
   * SECURITY DEFINER pmo_* functions, which return exactly what their caller is owed. `fn`
   * gets a manager whose statements each run on their own, outside a transaction.
   */
  unscoped<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return fn(this.dataSource.manager).catch((error: unknown) => Promise.reject(fromDatabaseError(error)));
  }

  /**
   * Proves that the caller's session stands, without entering its context: one statement
   * of its own (prepared once per pooled connection), for an answer that needs nothing
   * else (`{ me { id } }`), where entering would also gather the user's tenants and sign
   * them, and a transaction would have to be begun and ended. Refused as an entry is:
   * UNAUTHENTICATED.
   */
  async checkSession(): Promise<void> {
    const { actor } = currentContext();
    if (actor.kind !== 'user' || !isUuid(actor.sessionId)) throw unauthenticated();
    const [row] = await runPrepared(this.dataSource.manager, SESSION_USER, [actor.sessionId]).catch((error: unknown) =>
      Promise.reject(fromDatabaseError(error)),
    );
    if (row?.userId !== actor.userId) throw unauthenticated('Invalid or expired token');
  }

  /** Whether the database answers (for /health). */
  async ping(): Promise<void> {
    await run(this.dataSource.manager, PING, []);
  }

  /** Re-reads the caller's tenant set, after the transaction created a tenant or membership. */
  async refreshContext(em: EntityManager): Promise<void> {
    const context = currentContext();
    await enterTenantContext(em, context.actor, context);
  }

  /** Registers work to run after the open transaction commits (skipped on rollback). */
  afterCommit(task: () => Promise<unknown>): void {
    const active = open.getStore();
    if (!active) throw new Error('afterCommit outside a transaction');
    active.afterCommit.push(task);
  }
}

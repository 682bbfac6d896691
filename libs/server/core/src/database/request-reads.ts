// A query operation's reads share one read-only transaction: opened at its first read,
// with the tenant context entered in the same round trip, and committed when the
// response is done (finishReads). So a list with nested fields enters its context once,
// however many DataLoader batches it runs, instead of a transaction per batch.
//
// - Read-only, so that nothing a query does can be half-written, and the commit need not
//   hold up the response.
// - One connection per request: the batches take turns on it (a batch running inside
//   another's work joins it instead, or it would wait for itself).
// - A failed statement ends the transaction (rolled back, the connection destroyed if
//   even that fails): the next batch opens a new one, never inherits an aborted one.
// - Idle for IDLE_MS (a resolver waiting on something else), the transaction commits and
//   gives its connection back: a slow request never sits on one doing nothing.
// - A finished request's transaction is parked (at most MAX_PARKED, for at most IDLE_MS):
//   the next request to open one commits it in the same round trip as it begins its own,
//   so `{ me { id } }` costs one round trip in all. Parked connections stay out of the
//   pool, so nothing but that commit ever runs in another request's context.
import { Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { RequestContext } from '../tenancy/request-context';
import { admitSession, beginReadsAs, endedSession, EnteredSessionRow } from './tenant-context.sql';

/** A transaction open in this async context: one of TenantDb's, or a request's shared reads. */
export interface OpenTransaction {
  em: EntityManager;
  afterCommit: Array<() => Promise<unknown>>;
  /** Set on the shared reads' transaction: work nested in it joins it. */
  reads?: RequestReads;
}

const IDLE_MS = 50;
const MAX_PARKED = 2;
const READS = Symbol('reads');
type WithReads = { [READS]?: RequestReads };

interface Shared extends OpenTransaction {
  runner: QueryRunner;
}

const logger = new Logger('RequestReads');

export class RequestReads {
  private tx?: Promise<Shared>;
  /** The open transaction, once entered: work nested in it runs at once. */
  private current?: Shared;
  /** The end of the line of batches: each starts when the one before it has settled. */
  private tail: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private idle?: NodeJS.Timeout;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly context: RequestContext,
    private readonly runIn: <T>(tx: OpenTransaction, fn: () => Promise<T>) => Promise<T>,
  ) {}

  /** The shared reads of `context`'s query operation (created on its first read). */
  static of(context: RequestContext, dataSource: DataSource, runIn: <T>(tx: OpenTransaction, fn: () => Promise<T>) => Promise<T>): RequestReads {
    const holder = context as WithReads;
    return (holder[READS] ??= new RequestReads(dataSource, context, runIn));
  }

  /** Runs fn on the shared transaction: in turn, or at once when nested in `within` (the live one). */
  async run<T>(fn: (em: EntityManager) => Promise<T>, within?: OpenTransaction): Promise<T> {
    if (within && within === this.current) return fn(within.em);
    this.busy++;
    const result = this.tail.then(() => this.runInTurn(fn));
    this.tail = result.catch(() => undefined);
    try {
      return await result;
    } finally {
      if (--this.busy === 0) this.armIdle();
    }
  }

  private async runInTurn<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const tx = await (this.tx ??= this.open().catch((error: unknown) => {
      this.tx = undefined;
      throw error;
    }));
    try {
      return await this.runIn(tx, () => fn(tx.em));
    } catch (error) {
      // A statement that failed aborted the transaction: no later batch may use it.
      if (typeof (error as { code?: unknown }).code === 'string') await this.end(false);
      throw error;
    }
  }

  private async open(): Promise<Shared> {
    const actor = this.context.actor;
    const { text, statements } = beginReadsAs(actor);
    const reused = unpark(this.dataSource);
    const runner = reused ?? this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      // The parked transaction's COMMIT, BEGIN and the context's entry in one round trip,
      // logged as this request's statements they are.
      for (const statement of statements) this.dataSource.logger.logQuery(statement, undefined, runner);
      const results = (await client.query(reused ? `COMMIT; ${text}` : text).catch(endedSession)) as unknown as Array<{ rows: EnteredSessionRow[] }>;
      admitSession(results.at(-1)?.rows[0], actor, this.context);
      return (this.current = { em: runner.manager, afterCommit: [], runner, reads: this });
    } catch (error) {
      await finish(runner, 'ROLLBACK');
      // A parked connection that broke while it waited: a fresh one will do.
      if (reused && typeof (error as { code?: unknown }).code !== 'string') return this.open();
      throw error;
    }
  }

  /** Ends the open transaction, if any: COMMIT and the after-commit work, or ROLLBACK. */
  private async end(commit: boolean): Promise<void> {
    const pending = this.tx;
    this.tx = this.current = undefined;
    const tx = await pending?.catch(() => undefined);
    if (!tx) return;
    if (commit && !tx.afterCommit.length && park(this.dataSource, tx.runner)) return;
    if (!(await finish(tx.runner, commit ? 'COMMIT' : 'ROLLBACK')) || !commit) return;
    for (const task of tx.afterCommit) await task().catch((error: unknown) => logger.warn(`after-commit task failed: ${String(error)}`));
  }

  /** Once every batch in line has run: commits and gives the connection back. */
  close(): Promise<void> {
    // A cleared timer never fires again, even refreshed: the next idle spell needs a new one.
    clearTimeout(this.idle);
    this.idle = undefined;
    const closed = this.tail.then(() => this.end(true));
    this.tail = closed;
    return closed;
  }

  private armIdle(): void {
    if (!this.tx) return;
    if (this.idle) this.idle.refresh();
    else this.idle = setTimeout(() => this.busy === 0 && void this.close(), IDLE_MS).unref();
  }
}

interface Parked {
  runner: QueryRunner;
  timer: NodeJS.Timeout;
}

/** Finished read-only transactions per pool, waiting for the next request to commit them. */
const parked = new WeakMap<DataSource, Parked[]>();

function park(dataSource: DataSource, runner: QueryRunner): boolean {
  const waiting = parked.get(dataSource) ?? [];
  parked.set(dataSource, waiting);
  if (waiting.length >= MAX_PARKED) return false;
  const entry: Parked = {
    runner,
    timer: setTimeout(() => {
      waiting.splice(waiting.indexOf(entry), 1);
      void finish(runner, 'COMMIT');
    }, IDLE_MS),
  };
  waiting.push(entry);
  return true;
}

function unpark(dataSource: DataSource): QueryRunner | undefined {
  const entry = parked.get(dataSource)?.pop();
  if (entry) clearTimeout(entry.timer);
  return entry?.runner;
}

/**
 * Ends a runner's transaction and gives its connection back; a connection whose
 * transaction could not be ended is destroyed, never handed to another request.
 */
async function finish(runner: QueryRunner, command: 'COMMIT' | 'ROLLBACK'): Promise<boolean> {
  if (runner.isReleased) return false;
  try {
    await runner.query(command);
    await runner.release();
    return true;
  } catch (error) {
    logger.warn(`${command} of shared reads failed: ${String(error)}`);
    await (runner as unknown as { releasePostgresConnection(error: unknown): Promise<void> }).releasePostgresConnection(error);
    return false;
  }
}

/** Marks `context` as a query operation's: its reads will share one transaction. */
export function shareReads(context: RequestContext): void {
  context.sharedReads = true;
}

/** Ends the operation's shared reads (when its response is done): commits and frees the connection. */
export function finishReads(context: RequestContext | undefined): Promise<void> {
  const reads = (context as WithReads | undefined)?.[READS];
  if (!context || !reads) return Promise.resolve();
  context.sharedReads = false;
  return reads.close();
}

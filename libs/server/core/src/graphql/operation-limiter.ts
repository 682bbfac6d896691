// Fairness between users inside one api process: a user's operations run at most
// `inFlightPerUser` at once (HTTP and WebSocket together) and, together, within one query
// budget of estimated cost (so one heavy page at a time, or several light queries); a few
// more wait in line, first come first served, and the rest are refused with RATE_LIMITED.
// Subscriptions are capped per connection and per user. Counts are per process: with N
// processes behind a balancer a user may hold N times as much, which still bounds what one
// user takes from any one event loop.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { COST_IN_FLIGHT_PER_USER, OperationLimits, QUEUE_WAIT_MS, RETRY_AFTER_SECONDS } from './limits';

interface Waiting {
  cost: number;
  admit: (admitted: boolean) => void;
}

interface UserState {
  running: number;
  runningCost: number;
  waiting: Waiting[];
}

/** RATE_LIMITED, with the wait in seconds; over HTTP a 429 with Retry-After. */
function tooManyOperations(retryAfter = RETRY_AFTER_SECONDS): GraphQLError {
  return new GraphQLError(`Too many operations at once: try again in ${retryAfter} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
    },
  });
}

function tooManySubscriptions(limit: number, scope: 'connection' | 'user'): GraphQLError {
  return new GraphQLError(`Too many subscriptions: at most ${limit} per ${scope}; complete one first`, {
    extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit, scope },
  });
}

/** Runs `release` once, however often the returned function is called. */
function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}

export class OperationLimiter {
  private readonly users = new Map<string, UserState>();
  private readonly subscriptionsOfUser = new Map<string, number>();
  private readonly subscriptionsOfConnection = new WeakMap<object, number>();

  constructor(
    private readonly limits: OperationLimits,
    private readonly queueWaitMs = QUEUE_WAIT_MS,
    private readonly costBudget = COST_IN_FLIGHT_PER_USER,
  ) {}

  /**
   * A place for one operation of `userId` of estimated `cost`: at once, or after waiting in
   * line (first come, first served). Rejects with RATE_LIMITED when the line is full or the
   * wait runs out. Resolves to the release, to call once the operation has finished.
   */
  acquire(userId: string, cost = 0): Promise<() => void> {
    const state = this.users.get(userId) ?? { running: 0, runningCost: 0, waiting: [] };
    this.users.set(userId, state);
    const release = once(() => this.release(userId, state, cost));
    if (!state.waiting.length && this.fits(state, cost)) {
      this.start(state, cost);
      return Promise.resolve(release);
    }
    if (state.waiting.length >= this.limits.queuedPerUser) return Promise.reject(tooManyOperations());
    return new Promise((resolve, reject) => {
      const waiting: Waiting = {
        cost,
        admit: (admitted) => {
          clearTimeout(timer);
          if (admitted) resolve(release);
          else reject(tooManyOperations());
        },
      };
      const timer = setTimeout(() => {
        state.waiting.splice(state.waiting.indexOf(waiting), 1);
        waiting.admit(false);
        this.drain(userId, state);
      }, this.queueWaitMs);
      state.waiting.push(waiting);
    });
  }

  /** Operations of `userId` running now (for tests and logs). */
  inFlight(userId: string): number {
    return this.users.get(userId)?.running ?? 0;
  }

  /** Users with an operation running or waiting: idle users are forgotten, so this stays small. */
  trackedUsers(): number {
    return this.users.size;
  }

  /**
   * A place for one subscription of `userId` on `connection` (any object that lives as long
   * as the connection). Throws TOO_MANY_SUBSCRIPTIONS; returns the release.
   */
  subscribe(userId: string, connection: object): () => void {
    const onConnection = this.subscriptionsOfConnection.get(connection) ?? 0;
    const ofUser = this.subscriptionsOfUser.get(userId) ?? 0;
    if (onConnection >= this.limits.subscriptionsPerConnection) throw tooManySubscriptions(this.limits.subscriptionsPerConnection, 'connection');
    if (ofUser >= this.limits.subscriptionsPerUser) throw tooManySubscriptions(this.limits.subscriptionsPerUser, 'user');
    this.subscriptionsOfConnection.set(connection, onConnection + 1);
    this.subscriptionsOfUser.set(userId, ofUser + 1);
    return once(() => {
      this.subscriptionsOfConnection.set(connection, (this.subscriptionsOfConnection.get(connection) ?? 1) - 1);
      const left = (this.subscriptionsOfUser.get(userId) ?? 1) - 1;
      if (left > 0) this.subscriptionsOfUser.set(userId, left);
      else this.subscriptionsOfUser.delete(userId);
    });
  }

  /** Alone, an operation always fits: one over the cost budget would not have passed validation. */
  private fits(state: UserState, cost: number): boolean {
    return state.running === 0 || (state.running < this.limits.inFlightPerUser && state.runningCost + cost <= this.costBudget);
  }

  private start(state: UserState, cost: number): void {
    state.running++;
    state.runningCost += cost;
  }

  private release(userId: string, state: UserState, cost: number): void {
    state.running--;
    state.runningCost -= cost;
    this.drain(userId, state);
  }

  /** Starts whoever is first in line, as long as they fit. */
  private drain(userId: string, state: UserState): void {
    while (state.waiting.length && this.fits(state, state.waiting[0].cost)) {
      const next = state.waiting.shift() as Waiting;
      this.start(state, next.cost);
      next.admit(true);
    }
    this.forgetIfIdle(userId, state);
  }

  private forgetIfIdle(userId: string, state: UserState): void {
    if (state.running === 0 && state.waiting.length === 0 && this.users.get(userId) === state) this.users.delete(userId);
  }
}

// Throttles the ways in that cost the server a password hash and an attacker nothing:
// failed logins per account and per address, sign-ups per address. Past a free allowance
// each further attempt waits twice as long as the one before (up to a cap), answered
// RATE_LIMITED with retryAfter. Counters live with the transport (Redis, or a PostgreSQL
// table), shared by every api process, so running more api processes grants an attacker
// no more attempts; an in-memory limiter stands in while the store is unreachable, so an
// outage never opens the door.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '../config/config';
import { rateLimited } from '../errors/domain-error';
import { Transport } from '../queue/transport';

export type ThrottleKind = 'login-account' | 'login-address' | 'signup-address';

interface Policy {
  /** Attempts counted in the window before backoff starts. */
  free: number;
  windowSeconds: number;
}

const MAX_BACKOFF_SECONDS = 15 * 60;

interface Limiter {
  attempts: RateLimiterAbstract;
  blocked: RateLimiterAbstract;
  free: number;
}

@Injectable()
export class ThrottleService {
  private readonly limiters: Record<ThrottleKind, Limiter>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, transport: Transport) {
    const policies: Record<ThrottleKind, Policy> = {
      'login-account': { free: config.throttle.loginFailuresPerAccount, windowSeconds: 3600 },
      'login-address': { free: config.throttle.loginFailuresPerAddress, windowSeconds: 3600 },
      'signup-address': { free: config.throttle.signUpsPerAddress, windowSeconds: 3600 },
    };
    const limiter = (keyPrefix: string, points: number, duration: number) => transport.limiter({ keyPrefix: `throttle:${keyPrefix}`, points, duration });
    const build = (kind: ThrottleKind): Limiter => ({
      attempts: limiter(`${kind}:n`, 1_000_000, policies[kind].windowSeconds),
      blocked: limiter(`${kind}:b`, 1, MAX_BACKOFF_SECONDS),
      free: policies[kind].free,
    });
    this.limiters = { 'login-account': build('login-account'), 'login-address': build('login-address'), 'signup-address': build('signup-address') };
  }

  /** Throws RATE_LIMITED while `key` is backing off. */
  async check(kind: ThrottleKind, key: string): Promise<void> {
    const state = await this.limiters[kind].blocked.get(this.keyOf(key));
    if (state && state.consumedPoints > 1 && state.msBeforeNext > 0) {
      throw rateLimited(state.msBeforeNext / 1000, 'Too many attempts: try again later');
    }
  }

  /** Counts an attempt; past the free allowance, `key` backs off 2, 4, 8 … seconds. */
  async count(kind: ThrottleKind, key: string): Promise<void> {
    const { attempts, blocked, free } = this.limiters[kind];
    const id = this.keyOf(key);
    const { consumedPoints } = await attempts.penalty(id, 1);
    if (consumedPoints > free) await blocked.block(id, Math.min(2 ** (consumedPoints - free), MAX_BACKOFF_SECONDS));
  }

  /** A successful login forgets the account's failures. */
  async reset(kind: ThrottleKind, key: string): Promise<void> {
    const id = this.keyOf(key);
    await Promise.all([this.limiters[kind].attempts.delete(id), this.limiters[kind].blocked.delete(id)]);
  }

  /** Keys are hashed: the store never holds an email address. */
  private keyOf(key: string): string {
    return createHash('sha256').update(key).digest('base64url');
  }
}

// Throttles the ways in that cost the server a password hash and an attacker nothing:
// logins per account and per address, sign-ups per address, password checks per user
// (changePassword) and accounts a member creates (addMember with a password). Every
// attempt is counted before the work, atomically, so attempts sent in parallel cannot
// slip past the allowance; a login that succeeds is forgiven. Past the free allowance each
// further attempt is refused and waits twice as long as the one before (2, 4, 8 … s, up
// to 15 min), answered RATE_LIMITED with retryAfter. Counters live with the transport
// (Redis, or a PostgreSQL table), shared by every api process, so running more api
// processes grants an attacker no more attempts; an in-memory limiter stands in while the
// store is unreachable, so an outage never opens the door.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '../config/config';
import { rateLimited } from '../errors/domain-error';
import { Transport } from '../queue/transport';

export type ThrottleKind = 'login-account' | 'login-address' | 'signup-address' | 'password-check' | 'member-accounts';

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
      // A stolen token must not become a password oracle; an admin adds people, not thousands.
      'password-check': { free: 5, windowSeconds: 3600 },
      'member-accounts': { free: 100, windowSeconds: 3600 },
    };
    const limiter = (keyPrefix: string, points: number, duration: number) => transport.limiter({ keyPrefix: `throttle:${keyPrefix}`, points, duration });
    const build = (kind: ThrottleKind): Limiter => ({
      attempts: limiter(`${kind}:n`, 1_000_000, policies[kind].windowSeconds),
      blocked: limiter(`${kind}:b`, 1, MAX_BACKOFF_SECONDS),
      free: policies[kind].free,
    });
    this.limiters = {
      'login-account': build('login-account'),
      'login-address': build('login-address'),
      'signup-address': build('signup-address'),
      'password-check': build('password-check'),
      'member-accounts': build('member-accounts'),
    };
  }

  /**
   * Counts an attempt before its work is done; throws RATE_LIMITED while `key` backs off,
   * or when this attempt is past the free allowance (which starts or lengthens the wait).
   */
  async attempt(kind: ThrottleKind, key: string): Promise<void> {
    const { attempts, blocked, free } = this.limiters[kind];
    const id = this.keyOf(key);
    const state = await blocked.get(id);
    if (state && state.consumedPoints > 1 && state.msBeforeNext > 0) throw rateLimited(state.msBeforeNext / 1000, 'Too many attempts: try again later');
    const { consumedPoints } = await attempts.penalty(id, 1);
    if (consumedPoints <= free) return;
    const seconds = Math.min(2 ** (consumedPoints - free), MAX_BACKOFF_SECONDS);
    await blocked.block(id, seconds);
    throw rateLimited(seconds, 'Too many attempts: try again later');
  }

  /** Gives back one attempt that succeeded (an address: one good login must not wipe a run of bad ones). */
  async refund(kind: ThrottleKind, key: string): Promise<void> {
    await this.limiters[kind].attempts.reward(this.keyOf(key), 1);
  }

  /** A successful login or password check forgets the account's attempts. */
  async forgive(kind: ThrottleKind, key: string): Promise<void> {
    const id = this.keyOf(key);
    await Promise.all([this.limiters[kind].attempts.delete(id), this.limiters[kind].blocked.delete(id)]);
  }

  /** Keys are hashed: the store never holds an email address. */
  private keyOf(key: string): string {
    return createHash('sha256').update(key).digest('base64url');
  }
}

// Bearer tokens: HS256 JWTs signed with JWT_SECRET, naming a user, their session and an
// expiry (all three required). Verification accepts HS256 only, so `alg: none` and tokens
// signed with anything else are refused. Whether the session still stands is the
// database's to say, in the same statement that enters the request's context.
import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isUuid, unauthenticated } from '../errors/domain-error';

/** What a valid token says: who, which session, and until when (epoch seconds). */
export interface TokenClaims {
  userId: string;
  sessionId: string;
  expiresAt: number;
}

/** How many verified tokens are remembered (the oldest forgotten first). */
const REMEMBERED = 10000;

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  /**
   * Tokens already verified, with their claims: a client sends the same token with every
   * request, and its signature is checked once, not on each (only its expiry is).
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A KeyObject made once: given a string, the JWT library re-derives a key (and first
    // tries, and fails, to read it as a public key) on every verification.
    const key = createSecretKey(Buffer.from(config.jwtSecret));
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', expiresIn: config.jwtTtlSeconds },
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  issue(userId: string, sessionId: string): string {
    return this.jwt.sign({ sub: userId, sid: sessionId });
  }

  /** What the token says; UNAUTHENTICATED when it is not valid. */
  verify(token: string): TokenClaims {
    const known = this.verified.get(token);
    // As the JWT library decides: expired from the second `exp` names.
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.expiresAt) return known;
      this.verified.delete(token);
    }
    try {
      const claims = this.jwt.verify<{ sub?: unknown; sid?: unknown; exp?: unknown }>(token);
      const { sub, sid, exp } = claims;
      if (typeof sub === 'string' && isUuid(sub) && typeof sid === 'string' && isUuid(sid) && Number.isInteger(exp)) {
        const verified: TokenClaims = { userId: sub.toLowerCase(), sessionId: sid.toLowerCase(), expiresAt: exp as number };
        if (this.verified.size >= REMEMBERED) this.verified.delete(this.verified.keys().next().value as string);
        this.verified.set(token, verified);
        return verified;
      }
    } catch {
      // fall through: expired, tampered, wrong algorithm, malformed
    }
    throw unauthenticated('Invalid or expired token');
  }

  /** Reads "Bearer <token>"; undefined when no Authorization header was sent. */
  fromHeader(header: string | undefined): TokenClaims | undefined {
    if (header === undefined || header === '') return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
    return this.verify(match[1]);
  }
}

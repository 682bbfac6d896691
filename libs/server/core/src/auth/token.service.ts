// Bearer tokens: HS256 JWTs signed with JWT_SECRET, with expiry. Verification accepts
// HS256 only, so `alg: none` and tokens signed with anything else are refused.
import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isUuid, unauthenticated } from '../errors/domain-error';

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

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

  issue(userId: string): string {
    return this.jwt.sign({ sub: userId });
  }

  /** The user id the token was issued to; UNAUTHENTICATED when it is not valid. */
  verify(token: string): string {
    try {
      const claims = this.jwt.verify<{ sub?: unknown }>(token);
      if (typeof claims.sub === 'string' && isUuid(claims.sub)) return claims.sub;
    } catch {
      // fall through: expired, tampered, wrong algorithm, malformed
    }
    throw unauthenticated('Invalid or expired token');
  }

  /** Reads "Bearer <token>"; undefined when no Authorization header was sent. */
  fromHeader(header: string | undefined): string | undefined {
    if (header === undefined || header === '') return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
    return this.verify(match[1]);
  }
}

// Enters the tenant context for each HTTP request: a request id, and the user the bearer
// token names. A missing, invalid, expired or malformed token all mean anonymous: public
// operations (signUp, login) still work, and anything that needs a user answers
// UNAUTHENTICATED where data access starts (TenantDb), the same answer in every case, so
// a client with a stale token is told one thing and can simply log in again.
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Actor, runWithContext, TokenService } from '@pmo/core';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(private readonly tokens: TokenService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const header = req.header('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    runWithContext({ requestId, actor: this.actorOf(req.header('authorization')), clientAddress: req.socket.remoteAddress }, next);
  }

  private actorOf(authorization: string | undefined): Actor {
    try {
      const claims = this.tokens.fromHeader(authorization);
      return claims ? { kind: 'user', userId: claims.userId, sessionId: claims.sessionId } : { kind: 'anonymous' };
    } catch {
      return { kind: 'anonymous', tokenRejected: true };
    }
  }
}

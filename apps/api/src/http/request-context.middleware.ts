// Enters the tenant context for each HTTP request: a request id, and the user the
// bearer token names. A token that is present but invalid ends the request here with
// UNAUTHENTICATED; no token means anonymous (only signUp and login work then).
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Actor, DomainError, runWithContext, TokenService } from '@pmo/core';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(private readonly tokens: TokenService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const header = req.header('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    let actor: Actor = { kind: 'anonymous' };
    try {
      const claims = this.tokens.fromHeader(req.header('authorization'));
      if (claims) actor = { kind: 'user', userId: claims.userId, sessionId: claims.sessionId };
    } catch (error) {
      const message = error instanceof DomainError ? error.message : 'Invalid token';
      res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    runWithContext({ requestId, actor, clientAddress: req.socket.remoteAddress }, next);
  }
}

// Errors raised before GraphQL sees the request (malformed JSON, a body over the limit)
// answer in GraphQL's error shape with a code, never as an HTML page or a 500.
import type { NextFunction, Request, Response } from 'express';

export function httpErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: number }).status ?? 500;
  const type = (error as { type?: string }).type;
  const message =
    type === 'entity.too.large'
      ? 'Request body too large'
      : type === 'entity.parse.failed'
        ? 'Malformed JSON body'
        : status < 500
          ? 'Bad request'
          : 'Internal server error';
  res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }] });
}

// Structured JSON logs (pino). Every line carries the request or job id and the acting
// user or tenant, read from the tenant context.
import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import type { LogLevel } from '../config/config';
import { peekContext } from '../tenancy/request-context';

export function createLogger(level: LogLevel, service: string): Logger {
  return pino({
    level,
    base: { service },
    mixin() {
      const context = peekContext();
      if (!context) return {};
      const { actor } = context;
      return {
        requestId: context.requestId,
        ...(actor.kind === 'user' ? { userId: actor.userId } : {}),
        ...(actor.kind === 'system' ? { tenantId: actor.tenantId } : {}),
        ...(actor.kind === 'anonymous' && actor.tokenRejected ? { tokenRejected: true } : {}),
      };
    },
  });
}

/** Routes Nest's own logging into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

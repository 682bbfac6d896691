// Structured JSON logs (pino). Every line carries the request or job id and the acting
// user or tenant, read from the tenant context. Logged errors never carry the values a
// query was run with: those are the users' data (and may be their secrets).
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config/config';
import { peekContext } from '../tenancy/request-context';

/** Where query values ride on errors: TypeORM's QueryFailedError (`parameters`), drivers (`params`). */
const QUERY_VALUES = new Set(['parameters', 'params']);
const MAX_DEPTH = 8;

function withoutQueryValues(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => withoutQueryValues(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !QUERY_VALUES.has(key))
      .map(([key, inner]) => [key, withoutQueryValues(inner, depth + 1)]),
  );
}

/** An error as a log line shows it (pino's own serialization) without query values, however deep. */
export function loggableError(error: unknown): unknown {
  return withoutQueryValues(error instanceof Error ? pino.stdSerializers.err(error) : error, 0);
}

export function createLogger(level: LogLevel, service: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    serializers: { err: loggableError, error: loggableError },
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
  };
  return destination ? pino(options, destination) : pino(options);
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

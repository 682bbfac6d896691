// Every error leaves with extensions.code. Domain errors keep their message; database
// constraint violations become CONFLICT or BAD_USER_INPUT; anything else is reported as
// INTERNAL_SERVER_ERROR without its details (it is logged instead, without the values
// its query ran with).
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { DomainError } from '../errors/domain-error';
import { loggableError } from '../logging/logger';

const PG_CONFLICT = new Set(['23505', '23P01']);
const PG_BAD_INPUT = new Set(['22P02', '22003', '22001', '23514', '23502', '22007', '22008']);
// A NUL byte (\u0000), from any string argument whatever path it takes: PostgreSQL
// refuses it in text (22021, invalid byte sequence) and in JSON (22P05). JavaScript
// strings reach PostgreSQL as valid UTF-8 otherwise, so these codes mean NUL.
const PG_NUL = new Set(['22021', '22P05']);

export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...(original.details ?? {}) },
      };
    }
    const pgCode = (original as { code?: unknown } | undefined)?.code;
    if (typeof pgCode === 'string' && PG_CONFLICT.has(pgCode)) {
      return { message: 'That already exists', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    if (typeof pgCode === 'string' && PG_NUL.has(pgCode)) {
      return { message: 'Text must not contain NUL (\\u0000) characters', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (typeof pgCode === 'string' && PG_BAD_INPUT.has(pgCode)) {
      return { message: 'Invalid input', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    // GraphQL's own errors (parse, validation, variable coercion) and our refusals (limits,
    // cost, rate) are the client's and safe to show, with what they say (cost, retryAfter);
    // transport details and stack traces stay here.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions: Record<string, unknown> = { ...formatted.extensions };
      for (const internal of ['http', 'stacktrace', 'exception', 'originalError']) delete extensions[internal];
      extensions.code = code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' ? 'BAD_USER_INPUT' : code;
      return { ...formatted, extensions };
    }
    logger.error({ err: loggableError(original) }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

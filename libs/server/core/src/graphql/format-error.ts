// Every error leaves with extensions.code. Domain errors keep their message (database
// refusals became domain errors where they ran: database/pg-errors.ts); anything else is
// reported as INTERNAL_SERVER_ERROR without its details (it is logged instead, without
// the values its query ran with).
import { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { fromDatabaseError } from '../database/pg-errors';
import { DomainError } from '../errors/domain-error';
import { loggableError } from '../logging/logger';

/** Extensions that describe the server, not the client's mistake. */
const INTERNAL = new Set(['http', 'stacktrace', 'exception', 'originalError']);

export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A database error that escaped the data layer (a loader's own query) is mapped here too.
    const original = fromDatabaseError(unwrapResolverError(error));
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...(original.details ?? {}) },
      };
    }
    const code = formatted.extensions?.code;
    // GraphQL's own errors (parse, validation, variable coercion) and our refusals (limits,
    // cost, rate) are the client's and safe to show, with what they say (cost, retryAfter);
    // transport details and stack traces stay here.
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const extensions: Record<string, unknown> = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL.has(key)));
      extensions.code = code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' ? 'BAD_USER_INPUT' : code;
      return { ...formatted, extensions };
    }
    logger.error({ err: loggableError(original) }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

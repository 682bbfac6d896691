// The GraphQL server: code-first schema, hardening and error codes. HTTP (Apollo) and
// WebSocket (graphql-ws) share one path before anything runs (core's operation guard):
// the token cap at parse, the same validation rules (limits, cost, no introspection in
// production), one operation per request, per-user limits on operations in flight and on
// subscriptions, and one formatError. Also: no batching, CSRF prevention.
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLSchemaHost, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { ServerOptions } from 'graphql-ws';
import { resolve } from 'node:path';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import {
  AppConfig,
  checkIdArguments,
  formatError,
  GraphqlContext,
  graphqlParseOptions,
  graphqlValidationRules,
  GraphqlWsExtra,
  httpOperationGuard,
  OperationLimiter,
  SessionEvents,
  sharedReadsPlugin,
  statementCountPlugin,
  TokenClaims,
  TokenService,
  wsOperationGuard,
} from '@pmo/core';

/** A plugin as the driver types it (its @apollo/server typings load through another entry point). */
type DriverPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

export function graphqlOptions(
  config: AppConfig,
  logger: Logger,
  tokens: TokenService,
  sessions: SessionEvents,
  schemaHost: GraphQLSchemaHost,
): ApolloDriverConfig {
  const production = config.nodeEnv === 'production';
  const format = formatError(logger);
  // graphql-ws does not run Apollo's formatError: the socket's errors are formatted here, alike.
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));
  // One per process, for both transports: a user's operations count together.
  const limiter = new OperationLimiter(config.operationLimits);
  const guard = wsOperationGuard({ schema: () => schemaHost.schema, production, limiter });
  // Subscriptions authenticate once, when the socket connects: connectionParams carry
  // { Authorization: "Bearer <token>" }. Without a valid token the connection is refused
  // (graphql-ws closes it with 4403 Forbidden), whatever is wrong with the token.
  const subscriptions: ServerOptions<Record<string, unknown>, GraphqlWsExtra> = {
    onConnect: async (ctx) => {
      const header = ctx.connectionParams?.Authorization ?? ctx.connectionParams?.authorization;
      let claims: TokenClaims | undefined;
      try {
        claims = tokens.fromHeader(typeof header === 'string' ? header : undefined);
      } catch {
        return false;
      }
      if (!claims || !(await sessions.admits(claims).catch(() => false))) return false;
      ctx.extra.requestContext = { requestId: randomUUID(), actor: { kind: 'user', userId: claims.userId, sessionId: claims.sessionId } };
      // The socket closes when its token expires or its session ends.
      ctx.extra.untrack = sessions.track(ctx.extra.socket, claims);
      return true;
    },
    ...guard,
    onClose: (ctx, code, reason) => {
      ctx.extra.untrack?.();
      return guard.onClose(ctx, code, reason);
    },
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),
  };

  return {
    path: '/graphql',
    autoSchemaFile: config.schemaFile ? resolve(process.cwd(), config.schemaFile) : true,
    sortSchema: true,
    // Refused in production by graphqlValidationRules, on both transports (Apollo's own
    // switch would refuse it over HTTP only, and a second time).
    introspection: true,
    graphiql: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Every query, mutation and subscription: malformed ids answer alike, whatever the field.
    transformSchema: checkIdArguments,
    parseOptions: graphqlParseOptions,
    validationRules: graphqlValidationRules(production),
    formatError: format,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    subscriptions: { 'graphql-ws': subscriptions as GraphQLWsSubscriptionsConfig },
    context: ({ extra }: { extra?: GraphqlWsExtra }): GraphqlContext => ({ requestContext: extra?.requestContext }),
    // Compact JSON: Apollo indents responses by default, which a page of 100 projects pays
    // for in CPU and bytes (measured: docs/benchmarks.md, "Read path").
    stringifyResult: (result) => JSON.stringify(result),
    // No field carries a cache hint: Apollo's implicit cache-control plugin would only wrap
    // every field resolver for nothing (measured: docs/benchmarks.md).
    plugins: [
      ApolloServerPluginCacheControlDisabled() as DriverPlugin,
      httpOperationGuard(limiter),
      sharedReadsPlugin,
      ...(production ? [] : [statementCountPlugin]),
    ],
  };
}

// The GraphQL server: code-first schema, hardening (query limits, no batching, CSRF
// prevention, introspection in development only) and error codes.
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { ServerOptions } from 'graphql-ws';
import { resolve } from 'node:path';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { AppConfig, ClosableSocket, formatError, SessionEvents, GraphqlContext, queryLimitsRule, RequestContext, statementCountPlugin, executeInContext, subscribeInContext, TokenService } from '@pmo/core';

interface WsExtra {
  socket: ClosableSocket;
  requestContext?: RequestContext;
  /** Stops watching the socket's session (set while it is authenticated). */
  untrack?: () => void;
}

export function graphqlOptions(config: AppConfig, logger: Logger, tokens: TokenService, sessions: SessionEvents): ApolloDriverConfig {
  const development = config.nodeEnv !== 'production';
  const format = formatError(logger);
  // graphql-ws does not run Apollo's formatError: subscriptions format their errors here.
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((error) => format(error.toJSON(), error));
  // Subscriptions authenticate once, when the socket connects: connectionParams carry
  // { Authorization: "Bearer <token>" }; a connection without a valid token is refused.
  const subscriptions: ServerOptions<Record<string, unknown>, WsExtra> = {
    onConnect: (ctx) => {
      const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
      const header = params.Authorization ?? params.authorization;
      try {
        const claims = tokens.fromHeader(typeof header === 'string' ? header : undefined);
        if (!claims) return false;
        const extra = ctx.extra as WsExtra;
        extra.requestContext = { requestId: randomUUID(), actor: { kind: 'user', userId: claims.userId, sessionId: claims.sessionId } };
        // The socket closes when its token expires or its session ends.
        extra.untrack = sessions.track(extra.socket, claims);
        return true;
      } catch {
        return false;
      }
    },
    onClose: (ctx) => (ctx.extra as WsExtra).untrack?.(),
    execute: executeInContext,
    subscribe: subscribeInContext,
    onError: (_ctx, _id, _payload, errors) => formatAll(errors),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),
  };

  return {
    path: '/graphql',
    autoSchemaFile: config.schemaFile ? resolve(process.cwd(), config.schemaFile) : true,
    sortSchema: true,
    introspection: development,
    graphiql: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: [queryLimitsRule()],
    formatError: format,
    includeStacktraceInErrorResponses: false,
    subscriptions: { 'graphql-ws': subscriptions as GraphQLWsSubscriptionsConfig },
    context: ({ extra }: { extra?: WsExtra }): GraphqlContext => ({ requestContext: extra?.requestContext }),
    plugins: development ? [statementCountPlugin] : [],
  };
}

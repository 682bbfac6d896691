// The GraphQL server: code-first schema, hardening (query limits, no batching, CSRF
// prevention, introspection in development only) and error codes.
import { ApolloDriverConfig } from '@nestjs/apollo';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { AppConfig, formatError, queryLimitsRule, statementCountPlugin } from '@pmo/core';

export function graphqlOptions(config: AppConfig, logger: Logger): ApolloDriverConfig {
  const development = config.nodeEnv !== 'production';
  return {
    path: '/graphql',
    autoSchemaFile: config.schemaFile ? resolve(process.cwd(), config.schemaFile) : true,
    sortSchema: true,
    introspection: development,
    graphiql: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: [queryLimitsRule()],
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    subscriptions: { 'graphql-ws': true },
    plugins: development ? [statementCountPlugin] : [],
  };
}

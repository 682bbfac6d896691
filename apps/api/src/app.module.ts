// The api process: GraphQL over HTTP and WebSocket, /health, and the development
// GraphiQL page. It enqueues jobs and never processes them.
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { APP_CONFIG, AppConfig, CoreModule, createLogger, inputShapePipe, SessionEvents, TokenService } from '@pmo/core';
import { GovernanceModule } from '@pmo/governance';
import { KnowledgeModule } from '@pmo/knowledge';
import { KpiModule } from '@pmo/kpi';
import { NotificationsModule } from '@pmo/notifications';
import { OrganizationModule } from '@pmo/organization';
import { ProjectsModule } from '@pmo/projects';
import { StandardsModule } from '@pmo/standards';
import { graphqlOptions } from './graphql/graphql.options';
import { GraphiqlController } from './http/graphiql.controller';
import { HealthController } from './http/health.controller';
import { RequestContextMiddleware } from './http/request-context.middleware';

@Module({
  imports: [
    CoreModule.forProcess('api'),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, TokenService, SessionEvents, GraphQLSchemaHost],
      useFactory: (config: AppConfig, tokens: TokenService, sessions: SessionEvents, schemaHost: GraphQLSchemaHost) =>
        graphqlOptions(config, createLogger(config.logLevel, 'api'), tokens, sessions, schemaHost),
    }),
    OrganizationModule,
    StandardsModule,
    ProjectsModule,
    KpiModule,
    GovernanceModule,
    KnowledgeModule,
    NotificationsModule,
  ],
  controllers: [HealthController, GraphiqlController],
  // Every argument's declared shape (lengths, formats, ranges), checked before resolvers run
  // (after the ids: graphql.options.ts).
  providers: [{ provide: APP_PIPE, useFactory: inputShapePipe }],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('graphql');
  }
}

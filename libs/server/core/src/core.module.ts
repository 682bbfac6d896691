// The platform every app imports once: validated config, the database as the app role,
// the tenant transaction, authorization, tokens, audit and the job queue.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditRepository } from './audit/audit.repository';
import { AuditService } from './audit/audit.service';
import { TokenService } from './auth/token.service';
import { APP_CONFIG, AppConfig, loadConfig } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { StatementCounter } from './database/statement-counter';
import { TenantDb } from './database/tenant-db';
import { SessionEvents } from './security/session-events';
import { ThrottleService } from './security/throttle.service';
import { createTransport, transportPoolSize } from './queue/create-transport';
import { AfterCommitJobs } from './queue/after-commit-jobs';
import { JobQueue } from './queue/job-queue.service';
import { OutboxRepository } from './queue/outbox.repository';
import { OutboxService } from './queue/outbox.service';
import { QueuePruner } from './queue/queue-pruner';
import { Transport } from './queue/transport';
import { AccessService } from './tenancy/access.service';
import { TenantReader } from './tenancy/tenant-reader.service';
import { SessionRepository } from './auth/session.repository';
import { MembershipRepository } from './tenancy/membership.repository';
import { TenantRepository } from './tenancy/tenant.repository';
import { UserRepository } from './tenancy/user.repository';

const config = { provide: APP_CONFIG, useFactory: () => loadConfig() };
const repositories = [TenantRepository, UserRepository, MembershipRepository, SessionRepository, AuditRepository];
const services = [...repositories, TenantDb, AccessService, TenantReader, TokenService, AuditService, JobQueue, OutboxService, QueuePruner];
/** Enqueueing after commit and the outbox's statements, for every feature's transactions. */
const jobServices = [AfterCommitJobs, OutboxRepository];
/** Only the api answers people: it alone throttles them and holds their sockets. */
const apiServices = [ThrottleService, SessionEvents];

/** Which process this is decides its database role: only the worker may act for a tenant. */
export type ProcessKind = 'api' | 'worker';

/** Redis or PostgreSQL, as the config says: the process's one transport, connected as its own role. */
function transport(kind: ProcessKind) {
  return {
    provide: Transport,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) =>
      createTransport({
        queue: config.queue,
        prefix: config.queuePrefix,
        databaseUrl: kind === 'worker' ? config.databaseWorkerUrl : config.databaseAppUrl,
        poolSize: transportPoolSize(config, kind),
      }),
  };
}

@Global()
@Module({})
export class CoreModule {
  static forProcess(kind: ProcessKind): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => {
            const { databaseAppUrl, databaseWorkerUrl, databasePoolSize, nodeEnv } = loadConfig();
            return {
              ...dataSourceOptions(kind === 'worker' ? databaseWorkerUrl : databaseAppUrl, databasePoolSize),
              migrations: [],
              ...(nodeEnv === 'production' ? {} : { logging: ['query' as const], logger: new StatementCounter() }),
            };
          },
        }),
      ],
      providers: [config, transport(kind), ...services, ...jobServices, ...(kind === 'api' ? apiServices : [])],
      exports: [APP_CONFIG, Transport, TypeOrmModule, ...services, ...jobServices, ...(kind === 'api' ? apiServices : [])],
    };
  }
}

export type { AppConfig };

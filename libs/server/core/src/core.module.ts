// The platform every app imports once: validated config, the database as the app role,
// the tenant transaction, authorization, tokens, audit and the job queue.
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from './audit/audit.service';
import { TokenService } from './auth/token.service';
import { APP_CONFIG, AppConfig, loadConfig } from './config/config';
import { dataSourceOptions } from './database/data-source';
import { StatementCounter } from './database/statement-counter';
import { TenantDb } from './database/tenant-db';
import { JobQueue } from './queue/job-queue.service';
import { OutboxService } from './queue/outbox.service';
import { AccessService } from './tenancy/access.service';
import { TenantReader } from './tenancy/tenant-reader.service';
import { MembershipEntity } from './tenancy/membership.entity';
import { TenantEntity } from './tenancy/tenant.entity';
import { UserEntity } from './tenancy/user.entity';

const config = { provide: APP_CONFIG, useFactory: () => loadConfig() };

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => {
        const { databaseAppUrl, databasePoolSize, nodeEnv } = loadConfig();
        return {
          ...dataSourceOptions(databaseAppUrl, databasePoolSize),
          autoLoadEntities: true,
          migrations: [],
          ...(nodeEnv === 'production' ? {} : { logging: ['query' as const], logger: new StatementCounter() }),
        };
      },
    }),
    TypeOrmModule.forFeature([TenantEntity, UserEntity, MembershipEntity]),
  ],
  providers: [config, TenantDb, AccessService, TenantReader, TokenService, AuditService, JobQueue, OutboxService],
  exports: [APP_CONFIG, TypeOrmModule, TenantDb, AccessService, TenantReader, TokenService, AuditService, JobQueue, OutboxService],
})
export class CoreModule {}

export type { AppConfig };

// KPI rollups: the engine that keeps every tenant's subtree figures exact and fresh.
import { Module } from '@nestjs/common';

@Module({})
export class KpiModule {}

@Module({})
export class KpiJobsModule {}

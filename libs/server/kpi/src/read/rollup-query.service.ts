// Reads rollups for the caller: every read first checks the caller may read the tenant
// (NOT_FOUND when they cannot see it), then reads through RLS.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, badInput, byKeys, checkPeriod, periodSpan, KpiDefinitionModel, notFound, Permission, requestLoader, TenantDb } from '@pmo/core';
import { KpiDrilldownModel, KpiRollupModel, RollupFreshnessModel } from './kpi-rollup.model';
import { RollupReadRepository } from './rollup-read.repository';

const MAX_TREND_PERIODS = 120;

@Injectable()
export class RollupQueryService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly stored: RollupReadRepository,
  ) {}

  private async readable(em: EntityManager, tenantId: string): Promise<void> {
    await this.access.require(em, Permission.READ, [tenantId]);
  }

  async assertReadable(tenantId: string): Promise<string> {
    await this.db.transaction((em) => this.readable(em, tenantId));
    return tenantId;
  }

  async rollup(tenantId: string, kpiKey: string, period: string): Promise<KpiRollupModel | null> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      await this.readable(em, tenantId);
      return (await this.stored.figure(em, tenantId, kpiKey, period)) ?? null;
    });
  }

  /** Rollups of one tenant by node, for subscribers: only those the caller can see, in one statement. */
  async rollupsAt(tenantId: string, nodes: Array<{ kpiId: string; period: string }>): Promise<KpiRollupModel[]> {
    return this.db.transaction((em) => this.stored.figuresAt(em, tenantId, nodes));
  }

  async rollups(tenantId: string, period: string): Promise<KpiRollupModel[]> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      await this.readable(em, tenantId);
      return this.stored.figuresOfPeriod(em, tenantId, period);
    });
  }

  async trend(tenantId: string, kpiKey: string, from: string, to: string): Promise<KpiRollupModel[]> {
    checkPeriod(from, 'from');
    checkPeriod(to, 'to');
    const span = periodSpan(from, to);
    if (span < 1 || span > MAX_TREND_PERIODS) throw badInput(`from..to must span 1 to ${MAX_TREND_PERIODS} months`);
    return this.db.transaction(async (em) => {
      await this.readable(em, tenantId);
      return this.stored.trend(em, tenantId, kpiKey, from, to);
    });
  }

  async drilldown(tenantId: string, kpiKey: string, period: string): Promise<KpiDrilldownModel> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      await this.readable(em, tenantId);
      // KPI keys are unique within an organization: the tenant's.
      const kpiId = await this.stored.kpiId(em, tenantId, kpiKey);
      if (!kpiId) throw notFound('KPI');
      const rows = await this.stored.figuresOfNodeAndChildren(em, tenantId, kpiId, period);
      const projects = await this.stored.ownProjectValues(em, tenantId, kpiId, period);
      return { rollup: rows.find((row) => row.tenantId === tenantId) ?? null, children: rows.filter((row) => row.tenantId !== tenantId), projects };
    });
  }

  async freshness(tenantId: string): Promise<RollupFreshnessModel> {
    return this.db.transaction(async (em) => {
      await this.readable(em, tenantId);
      return this.stored.freshness(em, tenantId);
    });
  }

  /** KPI definitions by id, batched per request, for KpiRollup.kpi. */
  kpi(kpiId: string): Promise<KpiDefinitionModel> {
    return requestLoader<string, KpiDefinitionModel>('rollup.kpi', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.stored.kpiDefinitions(em, ids), (row) => row.id), { fresh: true }),
    ).load(kpiId);
  }
}

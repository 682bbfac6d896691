// What the read model reads: stored rollups with their figures, the changes not yet
// rolled up, and what a drill-down and the KpiRollup type need besides
// (rollup-read.sql.ts); a tenant's place in the tree.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, KpiDefinitionModel, RollupNode, run, runOne, TenantEntity } from '@pmo/core';
import {
  FRESHNESS,
  FreshnessRow,
  KPI_DEFINITIONS_BY_ID,
  KPI_ID_BY_KEY,
  OWN_PROJECT_VALUES,
  ProjectValueRow,
  ROLLUP_BY_KEY,
  ROLLUP_TREND,
  RollupFigureRow,
  ROLLUPS_AT_NODES,
  ROLLUPS_OF_NODE_AND_CHILDREN,
  ROLLUPS_OF_PERIOD,
} from './rollup-read.sql';

@Injectable()
export class RollupReadRepository {
  @GenerateSql({ params: [DummyValue.UUID, 'on_time', DummyValue.PERIOD] })
  figure(em: EntityManager, tenantId: string, kpiKey: string, period: string): Promise<RollupFigureRow | undefined> {
    return runOne(em, ROLLUP_BY_KEY, [tenantId, kpiKey, period]);
  }

  /** The rollups of these nodes of one tenant that exist, in one statement. */
  @GenerateSql({ params: [DummyValue.UUID, [{ kpiId: DummyValue.UUID_2, period: DummyValue.PERIOD }]] })
  figuresAt(em: EntityManager, tenantId: string, nodes: ReadonlyArray<Pick<RollupNode, 'kpiId' | 'period'>>): Promise<RollupFigureRow[]> {
    return run(em, ROLLUPS_AT_NODES, [tenantId, nodes.map((node) => node.kpiId), nodes.map((node) => node.period)]);
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.PERIOD] })
  figuresOfPeriod(em: EntityManager, tenantId: string, period: string): Promise<RollupFigureRow[]> {
    return run(em, ROLLUPS_OF_PERIOD, [tenantId, period]);
  }

  @GenerateSql({ params: [DummyValue.UUID, 'on_time', '2026-01', '2026-12'] })
  trend(em: EntityManager, tenantId: string, kpiKey: string, from: string, to: string): Promise<RollupFigureRow[]> {
    return run(em, ROLLUP_TREND, [tenantId, kpiKey, from, to]);
  }

  /** The node's rollup first (if it has one), then its children's. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2, DummyValue.PERIOD] })
  figuresOfNodeAndChildren(em: EntityManager, tenantId: string, kpiId: string, period: string): Promise<RollupFigureRow[]> {
    return run(em, ROLLUPS_OF_NODE_AND_CHILDREN, [tenantId, kpiId, period]);
  }

  /** The id of the KPI keyed `kpiKey` in the tenant's organization, if the caller may see it. */
  @GenerateSql({ params: [DummyValue.UUID, 'on_time'] })
  async kpiId(em: EntityManager, tenantId: string, kpiKey: string): Promise<string | undefined> {
    return (await runOne(em, KPI_ID_BY_KEY, [kpiKey, tenantId]))?.id;
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2, DummyValue.PERIOD] })
  ownProjectValues(em: EntityManager, tenantId: string, kpiId: string, period: string): Promise<ProjectValueRow[]> {
    return run(em, OWN_PROJECT_VALUES, [tenantId, kpiId, period]);
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  kpiDefinitions(em: EntityManager, ids: readonly string[]): Promise<KpiDefinitionModel[]> {
    return run(em, KPI_DEFINITIONS_BY_ID, [[...ids]]);
  }

  /** Dirty marks anywhere in the tenant's subtree: how many, and how old the oldest is. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async freshness(em: EntityManager, tenantId: string): Promise<FreshnessRow> {
    return (await runOne(em, FRESHNESS, [tenantId])) ?? { pendingNodes: 0, oldestPendingSeconds: null };
  }

  /** The tenant's organization and parent (null at the hub), if the caller may see it. */
  @GenerateSql({ params: [DummyValue.UUID] })
  tenant(em: EntityManager, id: string): Promise<Pick<TenantEntity, 'orgId' | 'parentId'> | null> {
    return em.findOne(TenantEntity, { select: { orgId: true, parentId: true }, where: { id } });
  }
}

// Reads rollups for the caller: every read first checks the caller may read the tenant
// (NOT_FOUND when they cannot see it), then reads through RLS.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  badInput,
  byKeys,
  checkPeriod,
  KPI_DEFINITION_COLUMNS,
  periodSpan,
  KpiDefinitionModel,
  notFound,
  Permission,
  requestLoader,
  requireUuid,
  TenantDb,
} from '@pmo/core';
import { KpiDrilldownModel, KpiProjectValueModel, KpiRollupModel, RollupFreshnessModel } from './kpi-rollup.model';

const MAX_TREND_PERIODS = 120;

// The figure stays exact here: a figure no double can hold fails its own field, not the
// statement (and with it every other rollup of the list).
const ROLLUP_COLUMNS = `
  r.tenant_id AS "tenantId", r.kpi_id AS "kpiId", r.period, r.value_count::int AS "projectCount", r.computed_at AS "computedAt",
  pmo_kpi_figure(k.aggregation, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value)::text AS figure,
  pmo_rag(pmo_kpi_figure(k.aggregation, r.value_count, r.value_sum, r.weighted_sum, r.weight_sum, r.min_value, r.max_value),
          k.direction, k.green_threshold, k.amber_threshold) AS rag`;

type RollupRow = KpiRollupModel;

@Injectable()
export class RollupQueryService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
  ) {}

  private async readable(em: EntityManager, tenantId: string): Promise<string> {
    const id = requireUuid(tenantId, 'tenantId');
    await this.access.require(em, Permission.READ, [id]);
    return id;
  }

  /** KPI keys are unique within an organization: the tenant's. */
  private async kpiId(em: EntityManager, tenantId: string, key: string): Promise<string> {
    const [kpi] = await em.query('SELECT id FROM kpi_definitions WHERE key = $1 AND org_id = (SELECT org_id FROM tenants WHERE id = $2)', [key, tenantId]);
    if (!kpi) throw notFound('KPI');
    return kpi.id;
  }

  async assertReadable(tenantId: string): Promise<string> {
    return this.db.transaction((em) => this.readable(em, tenantId));
  }

  async rollup(tenantId: string, kpiKey: string, period: string): Promise<RollupRow | null> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      const id = await this.readable(em, tenantId);
      const [row] = await em.query(
        `SELECT ${ROLLUP_COLUMNS} FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id
          WHERE r.tenant_id = $1 AND k.key = $2 AND r.period = $3`,
        [id, kpiKey, period],
      );
      return row ?? null;
    });
  }

  /** Rollups of one tenant by node, for subscribers: only those the caller can see, in one statement. */
  async rollupsAt(tenantId: string, nodes: Array<{ kpiId: string; period: string }>): Promise<RollupRow[]> {
    return this.db.transaction((em) =>
      em.query(
        `SELECT ${ROLLUP_COLUMNS} FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id
           JOIN unnest($2::uuid[], $3::text[]) AS n (kpi_id, period) ON n.kpi_id = r.kpi_id AND n.period = r.period
          WHERE r.tenant_id = $1`,
        [tenantId, nodes.map((node) => node.kpiId), nodes.map((node) => node.period)],
      ),
    );
  }

  async rollups(tenantId: string, period: string): Promise<RollupRow[]> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      const id = await this.readable(em, tenantId);
      return em.query(
        `SELECT ${ROLLUP_COLUMNS} FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id
          WHERE r.tenant_id = $1 AND r.period = $2 ORDER BY k.key`,
        [id, period],
      );
    });
  }

  async trend(tenantId: string, kpiKey: string, from: string, to: string): Promise<RollupRow[]> {
    checkPeriod(from, 'from');
    checkPeriod(to, 'to');
    const span = periodSpan(from, to);
    if (span < 1 || span > MAX_TREND_PERIODS) throw badInput(`from..to must span 1 to ${MAX_TREND_PERIODS} months`);
    return this.db.transaction(async (em) => {
      const id = await this.readable(em, tenantId);
      return em.query(
        `SELECT ${ROLLUP_COLUMNS} FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id
          WHERE r.tenant_id = $1 AND k.key = $2 AND r.period BETWEEN $3 AND $4 ORDER BY r.period`,
        [id, kpiKey, from, to],
      );
    });
  }

  async drilldown(
    tenantId: string,
    kpiKey: string,
    period: string,
  ): Promise<Omit<KpiDrilldownModel, 'rollup' | 'children'> & { rollup: RollupRow | null; children: RollupRow[] }> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      const id = await this.readable(em, tenantId);
      const kpiId = await this.kpiId(em, id, kpiKey);
      const rows: RollupRow[] = await em.query(
        `SELECT ${ROLLUP_COLUMNS} FROM kpi_rollups r JOIN kpi_definitions k ON k.id = r.kpi_id JOIN tenants t ON t.id = r.tenant_id
          WHERE (t.id = $1 OR t.parent_id = $1) AND r.kpi_id = $2 AND r.period = $3 ORDER BY t.depth, t.name`,
        [id, kpiId, period],
      );
      const projects: KpiProjectValueModel[] = await em.query(
        `SELECT p.id AS "projectId", p.code AS "projectCode", p.name AS "projectName", v.value::float8 AS value, v.weight::float8 AS weight
           FROM kpi_values v JOIN projects p ON p.id = v.project_id
          WHERE v.tenant_id = $1 AND v.kpi_id = $2 AND v.period = $3 ORDER BY p.code`,
        [id, kpiId, period],
      );
      return { rollup: rows.find((row) => row.tenantId === id) ?? null, children: rows.filter((row) => row.tenantId !== id), projects };
    });
  }

  async freshness(tenantId: string): Promise<RollupFreshnessModel> {
    return this.db.transaction(async (em) => {
      const id = await this.readable(em, tenantId);
      const [row] = await em.query(
        `SELECT count(*)::int AS "pendingNodes", extract(epoch FROM clock_timestamp() - min(d.marked_at))::float8 AS "oldestPendingSeconds"
           FROM kpi_rollup_dirty d JOIN tenants t ON t.id = d.tenant_id WHERE t.path @> ARRAY[$1::uuid]`,
        [id],
      );
      return row;
    });
  }

  /** KPI definitions by id, batched per request, for KpiRollup.kpi. */
  kpi(kpiId: string): Promise<KpiDefinitionModel> {
    return requestLoader<string, KpiDefinitionModel>('rollup.kpi', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await em.query(`SELECT ${KPI_DEFINITION_COLUMNS} FROM kpi_definitions WHERE id = ANY($1::uuid[])`, [ids]);
          return byKeys(ids, rows, (row: KpiDefinitionModel) => row.id);
        },
        { fresh: true },
      ),
    ).load(kpiId);
  }
}

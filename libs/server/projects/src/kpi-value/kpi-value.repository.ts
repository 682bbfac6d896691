// Statements on reported values and their history: the batch write with its history copy,
// a single delete, the project and KPI lookups a write checks, and the reads behind the
// value fields. Values are exact decimals in the table; reads return them as the API does.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, KpiDefinitionModel, run, runOne, runPrepared } from '@pmo/core';
import { KpiValueEntity } from './kpi-value.entity';
import { KpiValueModel, KpiValueVersionModel } from './kpi-value.model';
import { CheckedValue, ValueKpi, ValueProject } from './kpi-value.rules';
import {
  HistoryRow,
  KEEP_VALUE_HISTORY,
  KEY_NOT_IN_FORCE,
  KPI_DEFINITIONS_BY_IDS,
  KPIS_BY_KEYS,
  LIST_VALUES,
  LOCK_VALUE_PROJECTS,
  RECORD_VALUE,
  RecordedValueRow,
  VALUE_HISTORY_OF,
  WRITE_VALUES,
} from './kpi-value.sql';

/** One value's identity. */
export type ValueKey = Pick<CheckedValue, 'projectId' | 'kpiId' | 'period'>;

/** A rollup node a project's values feed (the column names are the job payload's source). */
export interface ValueNode {
  kpi_id: string;
  period: string;
}

const key = { projectId: DummyValue.UUID, kpiId: DummyValue.UUID_2, period: DummyValue.PERIOD };
const value: CheckedValue = { ...key, tenantId: DummyValue.UUID, orgId: DummyValue.UUID, value: '0.1', weight: null };
/** A single value's write in one call: the caller, the value, the rules' data and the event it publishes. */
export interface RecordValueCall {
  sessionId: string;
  userId: string;
  projectId: string;
  kpiKey: string;
  period: string;
  /** Exact decimal text, as the audit entry keeps it. */
  value: string;
  weight: string | null;
  /** Every role, lowest rank first, and those that may report. */
  rolesByRank: readonly string[];
  reporters: readonly string[];
  /** Project states that report nothing more. */
  closedStates: readonly string[];
  eventJob: string;
  event: object;
}

const call: RecordValueCall = {
  sessionId: DummyValue.UUID,
  userId: DummyValue.UUID_2,
  projectId: DummyValue.UUID,
  kpiKey: 'cost',
  period: DummyValue.PERIOD,
  value: '0.1',
  weight: null,
  rolesByRank: ['VIEWER', 'ORG_ADMIN'],
  reporters: ['ORG_ADMIN'],
  closedStates: ['COMPLETED'],
  eventJob: 'compliance.evaluate',
  event: { outboxId: DummyValue.UUID },
};

const columns = <K extends keyof CheckedValue>(rows: readonly CheckedValue[], name: K) => rows.map((row) => row[name]);

@Injectable()
export class KpiValueRepository {
  /** The projects a write names, locked in one order, with their tenants' paths. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  lockProjects(em: EntityManager, projectIds: string[]): Promise<ValueProject[]> {
    return run(em, LOCK_VALUE_PROJECTS, [projectIds]);
  }

  @GenerateSql({ params: [[DummyValue.UUID], ['cost', 'cpi']] })
  kpisByKeys(em: EntityManager, orgIds: string[], keys: string[]): Promise<ValueKpi[]> {
    return run(em, KPIS_BY_KEYS, [orgIds, keys]);
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  kpiDefinitions(em: EntityManager, ids: readonly string[]): Promise<KpiDefinitionModel[]> {
    return run(em, KPI_DEFINITIONS_BY_IDS, [ids]);
  }

  /** The key of a KPI the project reports that is not owned along `path`, or null. */
  @GenerateSql({ params: [DummyValue.UUID, [DummyValue.UUID_2]] })
  async keyNotInForce(em: EntityManager, projectId: string, path: string[]): Promise<string | null> {
    return (await runOne(em, KEY_NOT_IN_FORCE, [projectId, path]))?.key ?? null;
  }

  /** The KPIs and periods the project has values for: the rollup nodes they feed. */
  @GenerateSql({ params: [DummyValue.UUID] })
  nodesOfProject(em: EntityManager, projectId: string): Promise<ValueNode[]> {
    return em
      .createQueryBuilder(KpiValueEntity, 'v')
      .select('v.kpiId', 'kpi_id')
      .addSelect('v.period', 'period')
      .distinct(true)
      .where('v.projectId = :projectId', { projectId })
      .getRawMany<ValueNode>();
  }

  /** Copies the current values about to be replaced or deleted into the history; returns what it copied. */
  @GenerateSql({ params: [[key], DummyValue.UUID, 'REPLACED'] })
  keepHistory(em: EntityManager, keys: readonly ValueKey[], supersededBy: string | null, action: 'REPLACED' | 'DELETED'): Promise<HistoryRow[]> {
    return run(em, KEEP_VALUE_HISTORY, [keys.map((k) => k.projectId), keys.map((k) => k.kpiId), keys.map((k) => k.period), supersededBy, action]);
  }

  @GenerateSql({ params: [[value], DummyValue.UUID] })
  write(em: EntityManager, rows: readonly CheckedValue[], recordedBy: string | null): Promise<KpiValueModel[]> {
    return run(em, WRITE_VALUES, [
      columns(rows, 'projectId'),
      columns(rows, 'kpiId'),
      columns(rows, 'period'),
      columns(rows, 'tenantId'),
      columns(rows, 'orgId'),
      columns(rows, 'value'),
      columns(rows, 'weight'),
      recordedBy,
    ]);
  }

  /**
   * Records one value in one round trip, as its own transaction (`em` outside any): the
   * statement enters the caller's context, checks, and writes what `write` and its
   * companions write, or nothing, answering why.
   */
  @GenerateSql({ params: [call] })
  async recordOne(em: EntityManager, c: RecordValueCall): Promise<RecordedValueRow> {
    const [row] = await runPrepared(em, RECORD_VALUE, [
      c.sessionId,
      c.userId,
      c.projectId,
      c.kpiKey,
      c.period,
      c.value,
      c.weight,
      c.rolesByRank,
      c.reporters,
      c.closedStates,
      c.eventJob,
      c.event,
    ]);
    return row;
  }

  /** The value, locked for the rest of the transaction. */
  @GenerateSql({ params: [key] })
  lock(em: EntityManager, { projectId, kpiId, period }: ValueKey): Promise<KpiValueEntity | null> {
    return em
      .createQueryBuilder(KpiValueEntity, 'v')
      .where('v.projectId = :projectId', { projectId })
      .andWhere('v.kpiId = :kpiId', { kpiId })
      .andWhere('v.period = :period', { period })
      .setLock('pessimistic_write')
      .getOne();
  }

  @GenerateSql({ params: [key] })
  async delete(em: EntityManager, { projectId, kpiId, period }: ValueKey): Promise<void> {
    await em.delete(KpiValueEntity, { projectId, kpiId, period });
  }

  @GenerateSql({ name: 'all periods', params: [DummyValue.UUID, null, 1200] }, { name: 'one period', params: [DummyValue.UUID, DummyValue.PERIOD, 1200] })
  list(em: EntityManager, projectId: string, period: string | null, limit: number): Promise<KpiValueModel[]> {
    return run(em, LIST_VALUES, [projectId, period, limit]);
  }

  /** The replaced versions of each value (keyed project|kpi|period), latest first. */
  @GenerateSql({ params: [[key]] })
  historyOf(em: EntityManager, keys: readonly ValueKey[]): Promise<Array<KpiValueVersionModel & { key: string }>> {
    return run(em, VALUE_HISTORY_OF, [keys.map((k) => k.projectId), keys.map((k) => k.kpiId), keys.map((k) => k.period)]);
  }
}

// Statements of portfolio decisions: recording one (append-only), the evidence it
// freezes, and the reads of a subtree's ledger page by page and of projects' decisions.
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql, run, runOne } from '@pmo/core';
import { ProjectState } from '@pmo/shared';
import { DecisionKind } from './decision.rules';
import { KpiSnapshotRow, LATEST_REPORT, LatestReportRow, PERIOD_VALUES } from './decision.sql';
import { PortfolioDecisionEntity } from './portfolio-decision.entity';

export type NewDecision = Omit<PortfolioDecisionEntity, 'decidedAt'>;

/** A page of a subtree's ledger, newest first, after a cursor's (decided_at as exact text, id). */
export interface DecisionPageQuery {
  tenantId: string;
  after: { key: string; id: string } | null;
  limit: number;
}

export interface DecisionPageRow {
  decision: PortfolioDecisionEntity;
  /** decided_at to the microsecond, for the row's cursor. */
  sortKey: string;
}

const SUBTREE = 'd.tenantId IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[CAST(:tenantId AS uuid)])';

@Injectable()
export class DecisionRepository {
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        projectId: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        kind: DecisionKind.HOLD,
        rationale: DummyValue.TEXT,
        decidedBy: DummyValue.UUID_2,
        stateBefore: ProjectState.ACTIVE,
        stateAfter: ProjectState.ON_HOLD,
        evidence: { capturedAt: '2026-01-15T12:00:00.000Z', period: null, overall: null, summary: null, compliance: null, kpis: [] },
      },
    ],
  })
  async record(em: EntityManager, decision: NewDecision): Promise<PortfolioDecisionEntity> {
    const [row]: Array<{ decided_at: Date }> = (
      await em.createQueryBuilder().insert().into(PortfolioDecisionEntity).values(decision).returning('decided_at').updateEntity(false).execute()
    ).raw;
    return { ...decision, decidedAt: row.decided_at };
  }

  @GenerateSql(
    { name: 'first page', params: [{ tenantId: DummyValue.UUID, after: null, limit: 21 }] },
    {
      name: 'after a cursor',
      params: [{ tenantId: DummyValue.UUID, after: { key: '2026-01-15 12:00:00.123456+00', id: DummyValue.UUID_2 }, limit: 21 }],
    },
  )
  async page(em: EntityManager, query: DecisionPageQuery): Promise<DecisionPageRow[]> {
    const rows = em
      .createQueryBuilder(PortfolioDecisionEntity, 'd')
      .addSelect('CAST(d.decided_at AS text)', 'sort_key')
      .where(SUBTREE, { tenantId: query.tenantId });
    if (query.after) {
      rows.andWhere('(d.decidedAt, d.id) < (CAST(:afterKey AS timestamptz), CAST(:afterId AS uuid))', { afterKey: query.after.key, afterId: query.after.id });
    }
    const { entities, raw } = await rows.orderBy('d.decidedAt', 'DESC').addOrderBy('d.id', 'DESC').limit(query.limit).getRawAndEntities();
    return entities.map((decision, i) => ({ decision, sortKey: (raw[i] as { sort_key: string }).sort_key }));
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  count(em: EntityManager, tenantId: string): Promise<number> {
    return em.createQueryBuilder(PortfolioDecisionEntity, 'd').where(SUBTREE, { tenantId }).getCount();
  }

  /** Projects' decisions, oldest first. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byProjects(em: EntityManager, projectIds: readonly string[]): Promise<PortfolioDecisionEntity[]> {
    return em.find(PortfolioDecisionEntity, { where: { projectId: In([...projectIds]) }, order: { decidedAt: 'ASC', id: 'ASC' } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async latestReport(em: EntityManager, projectId: string): Promise<LatestReportRow | null> {
    return (await runOne(em, LATEST_REPORT, [projectId])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.PERIOD] })
  periodValues(em: EntityManager, projectId: string, period: string): Promise<KpiSnapshotRow[]> {
    return run(em, PERIOD_VALUES, [projectId, period]);
  }
}

// The compliance KPI's system-recorded values (see compliance-score.sql.ts).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run, runPrepared } from '@pmo/core';
import { COMPLIANCE_KPI, LOCK_SCORES, ORGANIZATIONS, RECORD_SCORES, RecordedScoreRow } from './compliance-score.sql';

export interface Score {
  projectId: string;
  score: number;
}

@Injectable()
export class ComplianceScoreRepository {
  /** The built-in compliance KPI's id for the organization of `tenantId`, or null when it has none. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async kpiId(em: EntityManager, tenantId: string): Promise<string | null> {
    return (await runPrepared(em, COMPLIANCE_KPI, [tenantId]))[0]?.id ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.PERIOD] })
  async lock(em: EntityManager, kpiId: string, period: string): Promise<void> {
    await run(em, LOCK_SCORES, [kpiId, period]);
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.PERIOD, [{ projectId: DummyValue.UUID, score: 0.8 }]] })
  record(em: EntityManager, kpiId: string, period: string, scores: readonly Score[]): Promise<RecordedScoreRow[]> {
    return run(em, RECORD_SCORES, [kpiId, period, scores.map((s) => s.projectId), scores.map((s) => String(s.score))]);
  }

  @GenerateSql({ params: [] })
  async organizations(em: EntityManager): Promise<string[]> {
    return (await run(em, ORGANIZATIONS, [])).map((row) => row.orgId);
  }
}

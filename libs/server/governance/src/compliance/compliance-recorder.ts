// The compliance feed's worker side: evaluates projects set-based and writes their scores
// as the built-in compliance KPI's values, as the system. The kpi_values trigger marks
// the rollup nodes dirty in the same transaction and their recomputation is enqueued after
// commit, so the rollup engine carries the scores to the hub like any reported value; the
// projects whose score changed colour are published as one event in the same transaction.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OnJob, OutboxService, periodOf, periodsBetween, RollupScheduler, TenantDb } from '@pmo/core';
import { COMPLIANCE_RAG_CHANGED_JOB } from '../events/governance-events.jobs';
import { RecordedScoreRow } from './compliance-score.sql';
import { ComplianceScoreRepository } from './compliance-score.repository';
import { COMPLIANCE_DAILY_JOB, COMPLIANCE_EVALUATE_JOB, ComplianceEvaluatePayload } from './compliance.jobs';
import { ComplianceService } from './compliance.service';

/**
 * The periods time alone still moves: the current one (milestones and actions falling
 * overdue), and the two before it, whose reports fall due on dueDay (at most 28) of the
 * next month and go missing up to 28 grace days later.
 */
const DAILY_PERIODS = 3;

@Injectable()
export class ComplianceRecorder {
  constructor(
    private readonly db: TenantDb,
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly scores: ComplianceScoreRepository,
    private readonly rollups: RollupScheduler,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(COMPLIANCE_EVALUATE_JOB)
  async evaluate(payload: ComplianceEvaluatePayload): Promise<{ written: number }> {
    // Evaluating again is harmless: a republished job whose row is gone still runs.
    const written = await this.db.transaction(async (em) => {
      await this.outbox.complete(em, payload.outboxId);
      return this.record(em, payload.tenantId, payload.period, payload.projectIds, new Date());
    });
    return { written: written.length };
  }

  @OnJob(COMPLIANCE_DAILY_JOB)
  async daily(): Promise<{ organizations: number; written: number }> {
    // Outside any tenant context: the definer function lists every organization.
    const organizations = await this.scores.organizations(this.dataSource.manager);
    const now = new Date();
    const periods = periodsBetween('2000-01', periodOf(now), DAILY_PERIODS);
    let written = 0;
    for (const orgId of organizations) {
      for (const period of periods) {
        const rows = await this.db.transaction((em) => this.record(em, orgId, period, null, now), { as: { kind: 'system', tenantId: orgId } });
        written += rows.length;
      }
    }
    return { organizations: organizations.length, written };
  }

  /** Evaluates the subtree of `tenantId` (or only `projectIds`) for the period and writes the scores that changed. */
  async record(em: EntityManager, tenantId: string, period: string, projectIds: readonly string[] | null, now: Date): Promise<RecordedScoreRow[]> {
    const kpiId = await this.scores.kpiId(em, tenantId);
    if (!kpiId) return [];
    await this.scores.lock(em, kpiId, period);
    const evaluations = await this.compliance.evaluate(em, tenantId, period, projectIds, now);
    if (!evaluations.length) return [];
    const written = await this.scores.record(
      em,
      kpiId,
      period,
      evaluations.map(({ projectId, score }) => ({ projectId, score })),
    );
    this.rollups.scheduleAfterCommit(
      em,
      [...new Set(written.map((row) => row.tenantId))].map((node) => ({ tenantId: node, kpiId, period })),
    );
    const changes = written.filter((row) => row.rag !== row.ragBefore).map((row) => ({ projectId: row.projectId, from: row.ragBefore, to: row.rag }));
    if (changes.length) await this.outbox.publish(em, written[0].orgId, COMPLIANCE_RAG_CHANGED_JOB, { tenantId, period, changes });
    return written;
  }
}

// The compliance feed's worker side: evaluates projects set-based and writes their scores
// as the built-in compliance KPI's values, as the system. The kpi_values trigger marks
// the rollup nodes dirty in the same transaction and their recomputation is enqueued after
// commit, so the rollup engine carries the scores to the hub like any reported value; the
// projects whose score changed colour are published as one event in the same transaction.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue, OnJob, OutboxService, periodOf, periodsBetween, RollupScheduler, TenantDb } from '@pmo/core';
import { COMPLIANCE_RAG_CHANGED_JOB } from '../events/governance-events.jobs';
import { RecordedScoreRow } from './compliance-score.sql';
import { ComplianceScoreRepository } from './compliance-score.repository';
import { COMPLIANCE_DAILY_JOB, COMPLIANCE_EVALUATE_JOB, ComplianceEvaluatePayload, mergeEvaluations } from './compliance.jobs';
import { ComplianceService } from './compliance.service';

/**
 * The periods time alone still moves: the current one (milestones and actions falling
 * overdue), and the two before it, whose reports fall due on dueDay (at most 28) of the
 * next month and go missing up to 28 grace days later.
 */
const DAILY_PERIODS = 3;

/** Re-evaluations one job claims: its transaction stays short, and what it leaves goes to the next job. */
const CLAIM_BATCH = 2000;

@Injectable()
export class ComplianceRecorder {
  constructor(
    private readonly db: TenantDb,
    private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly scores: ComplianceScoreRepository,
    private readonly rollups: RollupScheduler,
    private readonly outbox: OutboxService,
    private readonly jobs: JobQueue,
  ) {}

  @OnJob(COMPLIANCE_EVALUATE_JOB)
  async evaluate(payload: ComplianceEvaluatePayload): Promise<{ written: number; claimed: number }> {
    const { written, claimed } = await this.db.transaction(async (em) => {
      // The job's own row and every other the tenant queued (their jobs were deduplicated
      // into this one): one evaluation per period for all of them. Evaluating again is
      // harmless, so a job whose row is gone still evaluates its own payload.
      await this.outbox.complete(em, payload.outboxId);
      const rows = await this.outbox.claim(em, payload.tenantId, COMPLIANCE_EVALUATE_JOB, CLAIM_BATCH);
      const now = new Date();
      let count = 0;
      // Periods in one order for every job: each one's lock is the organization's, and two
      // jobs taking them in different orders would deadlock.
      const periods = [...mergeEvaluations([payload, ...rows])].sort(([a], [b]) => a.localeCompare(b));
      for (const [period, projectIds] of periods) {
        count += (await this.record(em, payload.tenantId, period, projectIds, now)).length;
      }
      return { written: count, claimed: rows.length };
    });
    // A bound left rows behind: one more job claims them.
    if (claimed >= CLAIM_BATCH) await this.jobs.addDurable(COMPLIANCE_EVALUATE_JOB, [payload]);
    return { written, claimed };
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

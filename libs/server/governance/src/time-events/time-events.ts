// The hourly detection of what time alone changed: a report that became LATE, then MISSING
// (for the last two periods, the only ones time can still move), and a corrective action
// that became overdue (due in the last 30 days: a first run does not tell of ancient ones).
// Each is marked in the transaction that publishes its event, so each is told once.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, OutboxService, OnJob, periodOf, periodsBetween, TenantDb } from '@pmo/core';
import { ComplianceScoreRepository } from '../compliance/compliance-score.repository';
import {
  CORRECTIVE_ACTION_OVERDUE_JOB,
  GOVERNANCE_TIME_EVENTS_JOB,
  REPORTING_OBLIGATION_LATE_JOB,
  REPORTING_OBLIGATION_MISSING_JOB,
} from '../events/governance-events.jobs';
import { ObligationRepository } from '../obligations/obligation.repository';
import { obligationState, ObligationState } from '../obligations/obligation.rules';
import { factsOf } from '../obligations/obligation.service';
import { TimeEventRepository } from './time-event.repository';

const OVERDUE_HORIZON_DAYS = 30;
/** The last periods up to the current one: only the two before it can still turn late or missing. */
const OPEN_PERIODS = 3;

@Injectable()
export class TimeEvents {
  constructor(
    private readonly db: TenantDb,
    private readonly dataSource: DataSource,
    private readonly scores: ComplianceScoreRepository,
    private readonly obligations: ObligationRepository,
    private readonly marks: TimeEventRepository,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(GOVERNANCE_TIME_EVENTS_JOB)
  async detect(): Promise<{ emitted: number }> {
    const organizations = await this.scores.organizations(this.dataSource.manager);
    const now = new Date();
    let emitted = 0;
    for (const orgId of organizations) {
      emitted += await this.db.transaction((em) => this.detectIn(em, orgId, now), { as: { kind: 'system', tenantId: orgId } });
    }
    return { emitted };
  }

  /** Publishes the events time produced in the organization `orgId` as of `now`; answers how many. */
  async detectIn(em: EntityManager, orgId: string, now: Date): Promise<number> {
    let emitted = 0;
    const current = periodOf(now);
    for (const period of periodsBetween('2000-01', current, OPEN_PERIODS).filter((p) => p < current)) {
      const rows = await this.obligations.facts(em, orgId, period, null);
      const byState = (state: ObligationState) =>
        rows.filter((row) => obligationState(factsOf(row, period), now) === state).map((row) => ({ subjectId: row.projectId, period, tenantId: row.tenantId }));
      for (const marked of await this.marks.markEmitted(em, REPORTING_OBLIGATION_LATE_JOB.name, byState(ObligationState.LATE), orgId)) {
        await this.outbox.publish(em, orgId, REPORTING_OBLIGATION_LATE_JOB, { tenantId: marked.tenantId, projectId: marked.subjectId, period });
        emitted++;
      }
      for (const marked of await this.marks.markEmitted(em, REPORTING_OBLIGATION_MISSING_JOB.name, byState(ObligationState.MISSING), orgId)) {
        await this.outbox.publish(em, orgId, REPORTING_OBLIGATION_MISSING_JOB, { tenantId: marked.tenantId, projectId: marked.subjectId, period });
        emitted++;
      }
    }
    const today = now.toISOString().slice(0, 10);
    const overdue = await this.marks.overdueActions(em, orgId, today, addDays(today, -OVERDUE_HORIZON_DAYS));
    const projectOf = new Map(overdue.map((action) => [action.actionId, action.projectId]));
    const subjects = overdue.map((action) => ({ subjectId: action.actionId, period: '', tenantId: action.tenantId }));
    for (const marked of await this.marks.markEmitted(em, CORRECTIVE_ACTION_OVERDUE_JOB.name, subjects, orgId)) {
      await this.outbox.publish(em, orgId, CORRECTIVE_ACTION_OVERDUE_JOB, {
        tenantId: marked.tenantId,
        actionId: marked.subjectId,
        projectId: projectOf.get(marked.subjectId) as string,
      });
      emitted++;
    }
    return emitted;
  }
}

// Reporting obligations: a subtree's obligations and their summary for a period as of any
// instant (one statement each, the states by the rules), and waivers by a PMO_LEAD or above.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { atLeast, AuditService, badInput, checkPeriod, ComplianceFeed, conflict, forbidden, notFound, TenantDb } from '@pmo/core';
import { Role } from '@pmo/shared';
import { GovernanceAccess } from '../common/governance-access';
import { ReportingObligationModel, ReportingSummaryModel, WaiveObligationArgs } from './obligation.model';
import { ObligationRepository } from './obligation.repository';
import { countStates, DEFAULT_DUE_DAY, DEFAULT_GRACE_DAYS, dueAt, ObligationFacts, obligationState, ObligationState } from './obligation.rules';
import { ObligationFactsRow } from './obligation.sql';

/** The rules' facts of a row: the cadence's defaults where the methodology names none. */
export function factsOf(row: ObligationFactsRow, period: string): ObligationFacts {
  return {
    dueAt: dueAt(period, row.dueDay ?? DEFAULT_DUE_DAY),
    graceDays: row.graceDays ?? DEFAULT_GRACE_DAYS,
    firstSubmittedAt: row.firstSubmittedAt,
    waivedAt: row.waivedAt,
  };
}

function toObligation(row: ObligationFactsRow, period: string, asOf: Date): ReportingObligationModel {
  const facts = factsOf(row, period);
  const state = obligationState(facts, asOf);
  const submitted = facts.firstSubmittedAt && facts.firstSubmittedAt <= asOf ? facts.firstSubmittedAt : null;
  return {
    projectId: row.projectId,
    period,
    dueAt: facts.dueAt,
    state,
    fulfilledAt: submitted,
    waivedReason: state === ObligationState.WAIVED ? row.waivedReason : null,
  };
}

@Injectable()
export class ObligationService {
  constructor(
    private readonly db: TenantDb,
    private readonly governance: GovernanceAccess,
    private readonly obligations: ObligationRepository,
    private readonly audit: AuditService,
    private readonly compliance: ComplianceFeed,
  ) {}

  async list(
    tenantId: string,
    period: string,
    states: ObligationState[] | null | undefined,
    asOf: Date | null | undefined,
  ): Promise<ReportingObligationModel[]> {
    checkPeriod(period);
    const at = asOf ?? new Date();
    const rows = await this.db.transaction(async (em) => {
      await this.governance.requireRead(em, tenantId);
      return this.obligations.facts(em, tenantId, period, null);
    });
    const all = rows.map((row) => toObligation(row, period, at));
    return states?.length ? all.filter((obligation) => states.includes(obligation.state)) : all;
  }

  async summary(tenantId: string, period: string, asOf: Date | null | undefined): Promise<ReportingSummaryModel> {
    const obligations = await this.list(tenantId, period, null, asOf);
    return { tenantId, period, ...countStates(obligations.map((obligation) => obligation.state)) };
  }

  async waive({ projectId, period, reason }: WaiveObligationArgs): Promise<ReportingObligationModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const project = await this.governance.project(em, projectId);
      const role = await this.governance.roleOn(em, project.path);
      if (role === null) throw notFound('Project');
      if (!atLeast(role, Role.PMO_LEAD)) throw forbidden('Waiving a reporting obligation takes PMO_LEAD or above');
      const [row] = await this.obligations.facts(em, project.tenantId, period, [project.id]);
      if (!row) throw badInput('The project owes no report for that period', { field: 'period' });
      const now = new Date();
      const state = obligationState(factsOf(row, period), now);
      if (state === ObligationState.WAIVED) throw conflict('That obligation is already waived', { field: 'period' });
      if (state === ObligationState.FULFILLED || state === ObligationState.FULFILLED_LATE) {
        throw badInput('The report for that period was submitted: there is nothing to waive', { field: 'period' });
      }
      const waiver = await this.obligations.addWaiver(em, {
        id: randomUUID(),
        projectId: project.id,
        tenantId: project.tenantId,
        orgId: project.orgId,
        period,
        reason,
        waivedBy: userId,
      });
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'reporting_waiver',
        entityId: waiver.id,
        action: 'waive',
        after: { projectId: project.id, period, reason },
      });
      await this.compliance.changed(em, [{ orgId: project.orgId, tenantId: project.tenantId, projectId: project.id, period }]);
      const asOf = waiver.waivedAt > now ? waiver.waivedAt : now;
      return toObligation({ ...row, waivedAt: waiver.waivedAt, waivedReason: reason }, period, asOf);
    });
  }
}

// Compliance: a project's checks and score for a period, evaluated now. `evaluate` is the
// set-based form (a whole subtree, or some of its projects, in one statement) that the
// decision ledger uses for its evidence and that a re-evaluation job can use for a tenant.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { checkPeriod, TenantDb } from '@pmo/core';
import { GovernanceAccess } from '../common/governance-access';
import { factsOf } from '../obligations/obligation.service';
import { obligationState } from '../obligations/obligation.rules';
import { ComplianceEvaluationModel } from './compliance.model';
import { ComplianceRepository } from './compliance.repository';
import { complianceChecks, complianceScore, referenceInstant } from './compliance.rules';

@Injectable()
export class ComplianceService {
  constructor(
    private readonly db: TenantDb,
    private readonly governance: GovernanceAccess,
    private readonly compliance: ComplianceRepository,
  ) {}

  /** Null for a project the caller holds no role on (as if missing) or that owes nothing for the period. */
  async forProject(projectId: string, period: string): Promise<ComplianceEvaluationModel | null> {
    checkPeriod(period);
    return this.db.transaction(async (em) => {
      const project = await this.governance.findProject(em, projectId);
      if (!project || (await this.governance.roleOn(em, project.path)) === null) return null;
      const [evaluation] = await this.evaluate(em, project.tenantId, period, [project.id], new Date());
      return evaluation ?? null;
    });
  }

  /** The evaluations of the projects of the subtree of `tenantId` (or only `projectIds`) that owe a report for the period. */
  async evaluate(em: EntityManager, tenantId: string, period: string, projectIds: readonly string[] | null, now: Date): Promise<ComplianceEvaluationModel[]> {
    const rows = await this.compliance.facts(em, tenantId, period, projectIds, referenceInstant(period, now));
    return rows.map((row) => {
      const checks = complianceChecks({
        period,
        obligation: obligationState(factsOf(row, period), now),
        mandatoryMissing: row.mandatoryMissing,
        lateMilestones: row.lateMilestones,
        followsMethodology: row.followsMethodology,
        unpassedGates: row.unpassedGates,
        overdueActions: row.overdueActions,
      });
      return { projectId: row.projectId, period, score: complianceScore(checks), checks, evaluatedAt: now };
    });
  }
}

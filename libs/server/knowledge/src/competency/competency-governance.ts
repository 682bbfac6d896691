// Core's ManagerCompetency port, answered from the certifications and the competency
// rules: projects asks it before a manager, a tenant or a tier changes, gate reviews
// before a vote on a gate with a minimum approver level.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CompetencyCheck, ManagerCompetency } from '@pmo/core';
import { CompetencyRepository } from './competency.repository';
import { managerShortfall, ruleInForce } from './competency.rules';

@Injectable()
export class CompetencyGovernance extends ManagerCompetency {
  constructor(private readonly competency: CompetencyRepository) {
    super();
  }

  levels(em: EntityManager, orgId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    return this.competency.levels(em, userIds, orgId);
  }

  async shortfall(em: EntityManager, check: CompetencyCheck): Promise<string | null> {
    const rule = ruleInForce(await this.competency.rulesOnPath(em, check.tenantId, check.tier), check.tier);
    if (!rule || rule.minManagerLevel === 0) return null;
    const level = (await this.levels(em, check.orgId, [check.managerId])).get(check.managerId) ?? 0;
    return managerShortfall(rule, level);
  }
}

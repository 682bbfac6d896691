// The competency of project managers as governance needs it: people's levels (their
// highest valid certification) and the competency rules of the tenant tree. The knowledge
// library records certifications and rules and implements this port; projects asks it
// before a manager or a tier changes, and gate reviews before a vote, so no feature
// imports another.
import type { EntityManager } from 'typeorm';

export interface CompetencyCheck {
  orgId: string;
  tenantId: string;
  /** 1 (the largest) to 3. */
  tier: number;
  managerId: string;
}

export abstract class ManagerCompetency {
  /** Each user's level today, 0 to 5 (0 without a valid certification), counting the whole organization's records. */
  abstract levels(em: EntityManager, orgId: string, userIds: readonly string[]): Promise<Map<string, number>>;

  /** Why the manager may not manage a project of this tier at this tenant, naming the rule in force; null when they may. */
  abstract shortfall(em: EntityManager, check: CompetencyCheck): Promise<string | null>;
}

// Features that change what rollups are computed from (values, a project's tenant) ask
// for those nodes' recomputation through this port; the kpi library implements it with
// its own job, so no feature imports another. The rows' triggers mark the nodes dirty in
// the same transaction, so what the queue does not take, the kpi sweep finds.
import type { EntityManager } from 'typeorm';

/** One rollup figure: a KPI in one period at one tenant (over its subtree). */
export interface RollupNode {
  tenantId: string;
  kpiId: string;
  period: string;
}

export abstract class RollupScheduler {
  /** Recomputes the nodes once the transaction `em` belongs to commits, all in one enqueue. */
  abstract scheduleAfterCommit(em: EntityManager, nodes: readonly RollupNode[]): void;
}

// Recomputes rollup nodes. Recompute, never increment: running a node twice, or again
// after a crash, stores the same state. One node at a time (an advisory lock per node),
// so racing workers serialize and the last one reads every committed change; and never
// while a full rebuild of the organization runs (its lock, held shared here).
//
// A job walks up the tree: when its node changed, it goes on to the parent in the same
// job (the parent's dirty mark, set in the node's transaction, keeps that durable), and
// stops where nothing changed. Where another run holds a node, it leaves that node to a
// queued job instead, whose deduplication coalesces concurrent changes near the hub.
import { Injectable } from '@nestjs/common';
import { JobName } from '@pmo/shared';
import { currentContext, JobQueue, runWithContext, TenantDb } from '@pmo/core';
import { RollupEvents } from '../live/rollup-events';
import { lockNode, RECOMPUTE_NODE } from './rollup-sql';

export interface RollupNode {
  tenantId: string;
  kpiId: string;
  period: string;
}

type Step = { outcome: 'unchanged' } | { outcome: 'busy' } | { outcome: 'changed'; orgId: string; parentId: string | null };

@Injectable()
export class RollupEngine {
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobQueue,
    private readonly events: RollupEvents,
  ) {}

  /** Recomputes the node, then its ancestors while they change; returns how many changed. */
  async recompute(node: RollupNode): Promise<{ changed: number }> {
    const { requestId } = currentContext();
    let changed = 0;
    for (let current: RollupNode | null = node, first = true; current; first = false) {
      const target: RollupNode = current;
      // Each node is computed in its own tenant context: its subtree is what it reads.
      const step = await runWithContext({ requestId, actor: { kind: 'system', tenantId: target.tenantId } }, () => this.recomputeOne(target, first));
      if (step.outcome === 'busy') {
        await this.jobs.addDurable(JobName.ROLLUP_NODE, target);
        break;
      }
      if (step.outcome === 'unchanged') break;
      changed++;
      await this.events.publish({ orgId: step.orgId, ...target });
      current = step.parentId ? { ...target, tenantId: step.parentId } : null;
    }
    return { changed };
  }

  private recomputeOne({ tenantId, kpiId, period }: RollupNode, wait: boolean): Promise<Step> {
    return this.db.transaction(async (em): Promise<Step> => {
      const [node]: Array<{ org_id: string; parent_id: string | null; locked: boolean; seq: string | null }> = await em.query(lockNode(wait), [
        tenantId,
        kpiId,
        period,
      ]);
      if (!node) return { outcome: 'unchanged' }; // not this context's to see: nothing to do
      if (!node.locked) return { outcome: 'busy' };
      const [{ changed }] = await em.query(RECOMPUTE_NODE, [tenantId, kpiId, period, node.org_id]);
      // The mark's seq was read before the recompute's snapshot: clear the mark only if no
      // newer change arrived meanwhile; a newer one keeps it (and its job, or the sweep,
      // runs this node again). A changed node's trigger marked its parent.
      if (node.seq !== null) {
        await em.query('DELETE FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3 AND seq = $4', [tenantId, kpiId, period, node.seq]);
      }
      return changed ? { outcome: 'changed', orgId: node.org_id, parentId: node.parent_id } : { outcome: 'unchanged' };
    });
  }
}

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
import { BuiltInRagChanges, currentContext, JobQueue, RollupNode, runWithContext, TenantDb } from '@pmo/core';
import { RollupEvents } from '../live/rollup-events';
import { ROLLUP_NODE_JOB } from './rollup.jobs';
import { RollupRepository } from './rollup.repository';

type Step = { outcome: 'unchanged' } | { outcome: 'busy' } | { outcome: 'changed'; orgId: string; parentId: string | null };

@Injectable()
export class RollupEngine {
  constructor(
    private readonly db: TenantDb,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobQueue,
    private readonly events: RollupEvents,
    private readonly ragChanges: BuiltInRagChanges,
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
        await this.jobs.addDurable(ROLLUP_NODE_JOB, [target]);
        break;
      }
      if (step.outcome === 'unchanged') break;
      changed++;
      await this.events.publish({ orgId: step.orgId, ...target });
      current = step.parentId ? { ...target, tenantId: step.parentId } : null;
    }
    return { changed };
  }

  private recomputeOne(node: RollupNode, wait: boolean): Promise<Step> {
    return this.db.transaction(async (em): Promise<Step> => {
      const lock = await this.rollups.lockNode(em, node, wait);
      if (!lock) return { outcome: 'unchanged' }; // not this context's to see: nothing to do
      if (!lock.locked) return { outcome: 'busy' };
      const { changed, builtIn, ragBefore, ragAfter } = await this.rollups.recompute(em, node, lock.orgId);
      // A built-in KPI's change of colour at this tenant is an event, written with the figure.
      if (changed && builtIn && ragBefore !== ragAfter) await this.ragChanges.changed(em, { ...node, orgId: lock.orgId, from: ragBefore, to: ragAfter });
      // The mark's seq was read before the recompute's snapshot: it is cleared only if no
      // newer change arrived meanwhile. A changed node's trigger marked its parent.
      if (lock.seq !== null) await this.rollups.clearMark(em, node, lock.seq);
      return changed ? { outcome: 'changed', orgId: lock.orgId, parentId: lock.parentId } : { outcome: 'unchanged' };
    });
  }
}

// Recomputes rollup nodes. Recompute, never increment: running a node twice, or again
// after a crash, stores the same state. One node at a time (an advisory lock per node),
// so racing workers serialize and the last one reads every committed change; and never
// while a full rebuild of the organization runs (its lock, held shared here).
import { Injectable } from '@nestjs/common';
import { JobName } from '@pmo/shared';
import { JobQueue, TenantDb } from '@pmo/core';
import { RollupEvents } from '../live/rollup-events';
import { LOCK_NODE, RECOMPUTE_NODE } from './rollup-sql';

export interface RollupNode {
  tenantId: string;
  kpiId: string;
  period: string;
}

@Injectable()
export class RollupEngine {
  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobQueue,
    private readonly events: RollupEvents,
  ) {}

  /** Runs in the node's own tenant context (the worker enters it from the payload). */
  async recompute(node: RollupNode): Promise<{ changed: boolean }> {
    const { tenantId, kpiId, period } = node;
    let parentId: string | null = null;
    let orgId = '';
    const changed = await this.db.transaction(async (em) => {
      // One round trip: the node's organization and parent, the organization's lock
      // (shared), the node's lock, and the mark's seq. Reading seq before the recompute's
      // snapshot is what matters: if it is unchanged at the end, no change arrived that
      // this run did not see.
      const [locked]: Array<{ org_id: string; parent_id: string | null; seq: string | null }> = await em.query(LOCK_NODE, [
        tenantId,
        kpiId,
        period,
      ]);
      if (!locked) return false; // not this context's to see: nothing to do
      orgId = locked.org_id;
      parentId = locked.parent_id;
      const [{ changed }] = await em.query(RECOMPUTE_NODE, [tenantId, kpiId, period, orgId]);
      // Clear the mark only if no newer change arrived meanwhile; a newer one keeps it
      // (and its job, or the sweep, runs this node again).
      if (locked.seq !== null) {
        await em.query('DELETE FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3 AND seq = $4', [
          tenantId,
          kpiId,
          period,
          locked.seq,
        ]);
      }
      return changed as boolean;
    });
    if (changed) {
      // The trigger on kpi_rollups already marked the parent in that transaction.
      if (parentId) await this.jobs.addDurable(JobName.ROLLUP_NODE, { tenantId: parentId, kpiId, period });
      await this.events.publish({ orgId, tenantId, kpiId, period });
    }
    return { changed };
  }
}

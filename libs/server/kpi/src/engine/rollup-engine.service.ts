// Recomputes rollup nodes. Recompute, never increment: running a node twice, or again
// after a crash, stores the same state. One node at a time (an advisory lock per node),
// so racing workers serialize and the last one reads every committed change; and never
// while a full rebuild of the organization runs (its lock, held shared here).
import { Injectable } from '@nestjs/common';
import { JobName } from '@pmo/shared';
import { JobQueue, TenantDb } from '@pmo/core';
import { RollupEvents } from '../live/rollup-events';
import { LOCK_ORGANIZATION_SHARED, RECOMPUTE_NODE } from './rollup-sql';

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
      const [tenant] = await em.query('SELECT org_id, parent_id FROM tenants WHERE id = $1', [tenantId]);
      if (!tenant) return false; // not this context's to see: nothing to do
      orgId = tenant.org_id;
      parentId = tenant.parent_id;
      await em.query(LOCK_ORGANIZATION_SHARED, [orgId]);
      // The mark's seq is read before the recompute's snapshot: if it is unchanged at the
      // end, no change arrived that this run did not see.
      const [mark] = await em.query(
        `SELECT pg_advisory_xact_lock(hashtextextended($4, 0)),
                (SELECT seq FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3) AS seq`,
        [tenantId, kpiId, period, `rollup:${tenantId}:${kpiId}:${period}`],
      );
      const [{ changed }] = await em.query(RECOMPUTE_NODE, [tenantId, kpiId, period, orgId]);
      // Clear the mark only if no newer change arrived meanwhile; a newer one keeps it
      // (and its job, or the sweep, runs this node again).
      if (mark.seq !== null) {
        await em.query('DELETE FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3 AND seq = $4', [
          tenantId,
          kpiId,
          period,
          mark.seq,
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

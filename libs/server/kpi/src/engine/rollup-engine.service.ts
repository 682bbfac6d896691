// Recomputes rollup nodes. Recompute, never increment: running a node twice, or again
// after a crash, stores the same state. One node at a time (an advisory lock per node),
// so racing workers serialize and the last one reads every committed change.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName } from '@pmo/shared';
import { JobQueue, TenantDb } from '@pmo/core';
import { RollupEvents } from '../live/rollup-events';
import { REBUILD_LEVEL, REBUILD_OWN, REBUILD_OWN_TABLE, RECOMPUTE_NODE } from './rollup-sql';

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
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`rollup:${tenantId}:${kpiId}:${period}`]);
      const [tenant] = await em.query('SELECT org_id, parent_id FROM tenants WHERE id = $1', [tenantId]);
      if (!tenant) return false; // not this context's to see: nothing to do
      orgId = tenant.org_id;
      parentId = tenant.parent_id;
      const [mark] = await em.query('SELECT seq FROM kpi_rollup_dirty WHERE tenant_id = $1 AND kpi_id = $2 AND period = $3', [
        tenantId,
        kpiId,
        period,
      ]);
      const [{ changed }] = await em.query(RECOMPUTE_NODE, [tenantId, kpiId, period, orgId]);
      // Clear the mark only if no newer change arrived meanwhile; a newer one keeps it
      // (and its job, or the sweep, runs this node again).
      if (mark) {
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

  /**
   * Recomputes every node of an organization bottom-up in set-based SQL: one pass over
   * the values, then one statement per tree level. Marks older than the rebuild are
   * cleared; changes that land during it keep theirs and are rolled up after it.
   */
  async rebuild(em: EntityManager, orgId: string): Promise<{ nodes: number; levels: number }> {
    const [{ seq }] = await em.query("SELECT coalesce(max(seq), 0) AS seq FROM kpi_rollup_dirty WHERE org_id = $1", [orgId]);
    await em.query("SELECT set_config('app.rebuilding', 'on', true)");
    await em.query('DELETE FROM kpi_rollups WHERE org_id = $1', [orgId]);
    await em.query(REBUILD_OWN_TABLE);
    await em.query(REBUILD_OWN, [orgId]);
    const [{ depth }] = await em.query('SELECT coalesce(max(depth), 0) AS depth FROM tenants WHERE org_id = $1', [orgId]);
    let nodes = 0;
    for (let level = depth; level >= 0; level--) {
      const inserted: unknown[] = await em.query(`${REBUILD_LEVEL} RETURNING 1`, [orgId, level]);
      nodes += inserted.length;
    }
    await em.query('DELETE FROM kpi_rollup_dirty WHERE org_id = $1 AND seq <= $2', [orgId, seq]);
    await em.query("SELECT set_config('app.rebuilding', 'off', true)");
    return { nodes, levels: depth + 1 };
  }
}

// A full rebuild of one organization's rollups in set-based SQL: one pass over the
// values for every node's own state, then one statement that adds each own state into
// the node and all its ancestors. Shared by the ORG_ADMIN mutation
// and `npm run rollup:rebuild`. Marks older than the rebuild are cleared; changes that
// land during it keep theirs and are rolled up after it.
import { EntityManager } from 'typeorm';
import { requireUuid } from '@pmo/core';
import { REBUILD_TREE, rebuildOwnStatement } from './rollup-sql';

export const REBUILD_WORK_MEM = '64MB';

export interface RebuildResult {
  /** Nodes with figures. */
  nodes: number;
  /** Nodes whose stored figure was missing or wrong, and was written. */
  written: number;
  /** Nodes left without values, removed. */
  removed: number;
  levels: number;
}

export async function rebuildOrganization(em: EntityManager, orgId: string): Promise<RebuildResult> {
  const [{ seq }] = await em.query('SELECT coalesce(max(seq), 0) AS seq FROM kpi_rollup_dirty WHERE org_id = $1', [orgId]);
  // Every level is computed here, so the per-node parent marking trigger stands down.
  await em.query("SELECT set_config('app.rebuilding', 'on', true)");
  // Aggregates of a whole organization fit in memory: no hash batches spilled to disk.
  await em.query(`SELECT set_config('work_mem', '${REBUILD_WORK_MEM}', true)`);
  await em.query(rebuildOwnStatement(requireUuid(orgId, 'orgId')));
  const [{ nodes, written, removed }] = await em.query(REBUILD_TREE, [orgId]);
  const [{ depth }] = await em.query('SELECT coalesce(max(depth), 0) AS depth FROM tenants WHERE org_id = $1', [orgId]);
  await em.query('DELETE FROM kpi_rollup_dirty WHERE org_id = $1 AND seq <= $2', [orgId, seq]);
  await em.query("SELECT set_config('app.rebuilding', 'off', true)");
  return { nodes, written, removed, levels: depth + 1 };
}

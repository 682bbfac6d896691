// A full rebuild of one organization's rollups in set-based SQL: one pass over the
// values for every node's own state, then one statement that adds each own state into
// the node and all its ancestors. Shared by the ORG_ADMIN mutation and
// `npm run rollup:rebuild`. It holds the organization's rollup lock, so no node job
// runs meanwhile; dirty marks are left alone: their jobs rerun after it, harmlessly.
import { EntityManager } from 'typeorm';
import { LOCK_ORGANIZATION, OwnStateRow, REBUILD_OWN, REBUILD_TREE } from './rollup-sql';

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
  await em.query(LOCK_ORGANIZATION, [orgId]);
  // Every level is computed here, so the per-node parent marking trigger stands down.
  await em.query("SELECT set_config('app.rebuilding', 'on', true)");
  // Aggregates of a whole organization fit in memory: no hash batches spilled to disk.
  await em.query(`SELECT set_config('work_mem', '${REBUILD_WORK_MEM}', true)`);
  const own: OwnStateRow[] = await em.query(REBUILD_OWN, [orgId]);
  const column = <K extends keyof OwnStateRow>(key: K) => own.map((row) => row[key]);
  const [{ nodes, written, removed }] = await em.query(REBUILD_TREE, [
    orgId,
    column('tenantId'),
    column('kpiId'),
    column('period'),
    column('n'),
    column('s'),
    column('ws'),
    column('w'),
    column('mn'),
    column('mx'),
  ]);
  const [{ depth }] = await em.query('SELECT coalesce(max(depth), 0) AS depth FROM tenants WHERE org_id = $1', [orgId]);
  await em.query("SELECT set_config('app.rebuilding', 'off', true)");
  return { nodes, written, removed, levels: depth + 1 };
}

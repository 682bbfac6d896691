// A full rebuild of one organization's rollups, bottom-up in set-based SQL: one pass
// over the values, then one statement per tree level. Shared by the ORG_ADMIN mutation
// and `npm run rollup:rebuild`. Marks older than the rebuild are cleared; changes that
// land during it keep theirs and are rolled up after it.
import { EntityManager } from 'typeorm';
import { REBUILD_LEVEL, REBUILD_OWN, REBUILD_OWN_TABLE } from './rollup-sql';

export async function rebuildOrganization(em: EntityManager, orgId: string): Promise<{ nodes: number; levels: number }> {
  const [{ seq }] = await em.query('SELECT coalesce(max(seq), 0) AS seq FROM kpi_rollup_dirty WHERE org_id = $1', [orgId]);
  // Every level is computed here, so the per-node parent marking trigger stands down.
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

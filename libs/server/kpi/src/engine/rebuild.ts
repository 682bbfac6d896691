// A full rebuild of one organization's rollups in set-based SQL: one pass over the
// values for every node's own state, then one statement that adds each own state into
// the node and all its ancestors. Shared by the ORG_ADMIN mutation, `npm run
// rollup:rebuild` and the seed. It holds the organization's rollup lock, so no tick runs
// meanwhile; dirty marks are left alone: the tick after it recomputes them, harmlessly.
import { EntityManager } from 'typeorm';
import { RollupRepository } from './rollup.repository';

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

const rollups = new RollupRepository();

export async function rebuildOrganization(em: EntityManager, orgId: string): Promise<RebuildResult> {
  await rollups.beginRebuild(em, orgId, REBUILD_WORK_MEM);
  const result = await rollups.rebuildTree(em, orgId, await rollups.ownStates(em, orgId));
  await rollups.endRebuild(em);
  return result;
}

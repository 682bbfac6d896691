// The rollup engine's statements: a node's lock, its recompute and its dirty mark, the
// sweep's leftover marks, and the steps of a full rebuild. All set-based or locking SQL
// (rollup.sql.ts), run on the caller's transaction.
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DummyValue, GenerateSql, RollupNode, run, runOne, TenantEntity } from '@pmo/core';
import {
  BEGIN_REBUILD,
  CLEAR_MARK,
  DIRTY_PENDING,
  END_REBUILD,
  LOCK_NODE,
  NodeLockRow,
  OwnStateRow,
  REBUILD_OWN,
  REBUILD_TREE,
  RebuildTreeRow,
  RECOMPUTE_NODE,
  RecomputedRow,
  TRY_LOCK_NODE,
} from './rollup.sql';

const NODE: RollupNode = { tenantId: DummyValue.UUID, kpiId: DummyValue.UUID_2, period: DummyValue.PERIOD };

@Injectable()
export class RollupRepository {
  /**
   * Takes the node's organization lock shared and the node's own lock, waiting for it
   * (`wait`) or only trying it. Undefined when the node's tenant is not this context's to see.
   */
  @GenerateSql({ name: 'wait', params: [NODE, true] }, { name: 'try', params: [NODE, false] })
  async lockNode(em: EntityManager, { tenantId, kpiId, period }: RollupNode, wait: boolean): Promise<NodeLockRow | undefined> {
    const row = await runOne(em, wait ? LOCK_NODE : TRY_LOCK_NODE, [tenantId, kpiId, period]);
    // The row also carries the lock functions' (void) results.
    return row && { orgId: row.orgId, parentId: row.parentId, locked: row.locked, seq: row.seq };
  }

  /** Recomputes the node from its own values and its children's states; true when its state changed. */
  @GenerateSql({ params: [NODE, DummyValue.UUID] })
  async recompute(em: EntityManager, { tenantId, kpiId, period }: RollupNode, orgId: string): Promise<RecomputedRow> {
    return (await runOne(em, RECOMPUTE_NODE, [tenantId, kpiId, period, orgId])) ?? { changed: false, builtIn: false, ragBefore: null, ragAfter: null };
  }

  /** Clears the node's dirty mark unless a newer change (a seq other than `seq`) arrived; true when cleared. */
  @GenerateSql({ params: [NODE, '1'] })
  async clearMark(em: EntityManager, { tenantId, kpiId, period }: RollupNode, seq: string): Promise<boolean> {
    const row = await runOne(em, CLEAR_MARK, [tenantId, kpiId, period, seq]);
    return row?.cleared ?? false;
  }

  /** Dirty marks older than `olderThanMs`, oldest first: every organization's, for the sweep (outside any tenant context). */
  @GenerateSql({ params: [5000, 5000] })
  pendingMarks(em: EntityManager, olderThanMs: number, limit: number): Promise<RollupNode[]> {
    return run(em, DIRTY_PENDING, [`${olderThanMs} milliseconds`, limit]);
  }

  /** Holds the organization's rollup lock exclusive for the transaction, with the rebuild's settings. */
  @GenerateSql({ params: [DummyValue.UUID, '64MB'] })
  async beginRebuild(em: EntityManager, orgId: string, workMem: string): Promise<void> {
    await run(em, BEGIN_REBUILD, [orgId, workMem]);
  }

  /** Every node's own projects' partial state in the organization. */
  @GenerateSql({ params: [DummyValue.UUID] })
  ownStates(em: EntityManager, orgId: string): Promise<OwnStateRow[]> {
    return run(em, REBUILD_OWN, [orgId]);
  }

  /** Writes every node of the organization from the own states; what it found, wrote and removed. */
  @GenerateSql({ params: [DummyValue.UUID, []] })
  async rebuildTree(em: EntityManager, orgId: string, own: readonly OwnStateRow[]): Promise<RebuildTreeRow> {
    const column = <K extends keyof OwnStateRow>(key: K) => own.map((row) => row[key]);
    const row = await runOne(em, REBUILD_TREE, [
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
    if (!row) throw new Error('the rebuild statement returned no row');
    return row;
  }

  /** Lets the parent marking trigger work again for the rest of the transaction. */
  @GenerateSql()
  async endRebuild(em: EntityManager): Promise<void> {
    await run(em, END_REBUILD, []);
  }

  /** Organization hubs by id (all of them without ids), by name. */
  @GenerateSql({ name: 'all', params: [null] }, { name: 'some', params: [DummyValue.UUID_SET] })
  hubs(em: EntityManager, ids: readonly string[] | null): Promise<Array<Pick<TenantEntity, 'id' | 'name'>>> {
    const query = em.createQueryBuilder(TenantEntity, 't').select(['t.id', 't.name']).where({ parentId: IsNull() }).orderBy('t.name');
    if (ids) query.andWhere('t.id = ANY(:ids)', { ids });
    return query.getMany();
  }
}

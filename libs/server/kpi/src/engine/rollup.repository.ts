// The rollup engine's statements: a tick's locks, its claim of dirty marks and its
// level-by-level recompute, the organizations with marks, and the steps of a full
// rebuild. All set-based or locking SQL (rollup.sql.ts), run on the caller's transaction.
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DummyValue, GenerateSql, RollupNode, run, runOne, runPrepared, TenantEntity } from '@pmo/core';
import {
  BEGIN_REBUILD,
  BEGIN_TICK,
  ChangedNodeRow,
  CLAIM_NODES,
  DIRTY_ORGANIZATIONS,
  END_REBUILD,
  OwnStateRow,
  REBUILD_OWN,
  REBUILD_TREE,
  RebuildTreeRow,
  RECOMPUTE_LEVEL,
  TENANT_ORGANIZATION,
  TickNodeRow,
} from './rollup.sql';

const NODE: RollupNode = { tenantId: DummyValue.UUID, kpiId: DummyValue.UUID_2, period: DummyValue.PERIOD };
const nodeColumn = <K extends keyof RollupNode>(nodes: readonly RollupNode[], key: K) => nodes.map((node) => node[key]);

@Injectable()
export class RollupRepository {
  /** Holds the organization's rollup lock shared and its tick lock (waiting for another tick of it) for the transaction. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async beginTick(em: EntityManager, orgId: string): Promise<void> {
    await run(em, BEGIN_TICK, [orgId]);
  }

  /** Claims up to `limit` of the organization's dirty marks, with the nodes asked for: each with its depth and parent. */
  @GenerateSql({ params: [DummyValue.UUID, 5000, [NODE]] })
  claim(em: EntityManager, orgId: string, limit: number, nodes: readonly RollupNode[]): Promise<TickNodeRow[]> {
    return runPrepared(em, CLAIM_NODES, [orgId, limit, nodeColumn(nodes, 'tenantId'), nodeColumn(nodes, 'kpiId'), nodeColumn(nodes, 'period')]);
  }

  /** Recomputes nodes of one level from their own values and their children's states; those whose state changed. */
  @GenerateSql({ params: [DummyValue.UUID, [NODE]] })
  recomputeLevel(em: EntityManager, orgId: string, nodes: readonly RollupNode[]): Promise<ChangedNodeRow[]> {
    return runPrepared(em, RECOMPUTE_LEVEL, [orgId, nodeColumn(nodes, 'tenantId'), nodeColumn(nodes, 'kpiId'), nodeColumn(nodes, 'period')]);
  }

  /** Organizations with dirty marks older than `olderThanMs`: every organization's, for the worker (outside any tenant context). */
  @GenerateSql({ params: [5000] })
  async dirtyOrganizations(em: EntityManager, olderThanMs: number): Promise<string[]> {
    return (await run(em, DIRTY_ORGANIZATIONS, [`${olderThanMs} milliseconds`])).map((row) => row.orgId);
  }

  /** The tenant's organization; undefined when this context does not see the tenant. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async organizationOf(em: EntityManager, tenantId: string): Promise<string | undefined> {
    return (await runOne(em, TENANT_ORGANIZATION, [tenantId]))?.orgId;
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

// Recomputes rollup nodes in micro-batches. A tick claims every dirty node of an
// organization it can see (up to a bound) and recomputes them level by level, deepest
// first, one set-based statement per level: a changed node's parent joins the next
// level's set, and the walk stops where nothing changed. Recompute, never increment:
// running a tick twice, or again after a crash (its claim rolls back with it), stores
// the same state. One tick per organization at a time (its tick lock), and never while a
// full rebuild of the organization runs (its lock, held shared here).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BuiltInRagChanges, currentContext, JobQueue, OutboxService, RollupNode, runWithContext, TenantDb } from '@pmo/core';
import { RollupEvents } from '../live/rollup-events';
import { KPI_RAG_CHANGED_JOB } from './rag-changed';
import { ROLLUP_TICK_JOB } from './rollup.jobs';
import { RollupRepository } from './rollup.repository';
import { ChangedNodeRow, TickNodeRow } from './rollup.sql';

/** Dirty nodes one tick claims per organization: a tick's transaction stays short, and what it leaves goes to the next. */
export const TICK_BATCH = 5000;

export interface TickResult {
  /** Nodes whose stored state changed (each one published). */
  changed: number;
  /** Whether a bound left dirty nodes for another tick. */
  more: boolean;
}

@Injectable()
export class RollupEngine {
  constructor(
    private readonly db: TenantDb,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobQueue,
    private readonly events: RollupEvents,
    private readonly ragChanges: BuiltInRagChanges,
    private readonly outbox: OutboxService,
  ) {}

  /** Computes every organization's dirty nodes; what a bound left behind gets one more tick. */
  async tick(): Promise<TickResult> {
    // Outside any tenant context: the definer function names every organization with marks.
    const organizations = await this.db.unscoped((em) => this.rollups.dirtyOrganizations(em, 0));
    const total: TickResult = { changed: 0, more: false };
    for (const orgId of organizations) {
      const result = await this.computeOrganization(orgId, []);
      total.changed += result.changed;
      total.more ||= result.more;
    }
    if (total.more) await this.jobs.addDurable(ROLLUP_TICK_JOB, [{}]);
    return total;
  }

  /** One node asked for by name, computed in a tick of its organization. */
  async node(node: RollupNode): Promise<TickResult> {
    const orgId = await this.db.transaction((em) => this.rollups.organizationOf(em, node.tenantId));
    if (!orgId) return { changed: 0, more: false }; // not this context's to see: nothing to do
    return this.computeOrganization(orgId, [node]);
  }

  private async computeOrganization(orgId: string, asked: RollupNode[]): Promise<TickResult> {
    const { requestId } = currentContext();
    // The hub's context: the whole organization is the tick's subtree.
    const { changed, more } = await runWithContext({ requestId, actor: { kind: 'system', tenantId: orgId } }, () =>
      this.db.transaction(async (em) => {
        await this.rollups.beginTick(em, orgId);
        const nodes = await this.rollups.claim(em, orgId, TICK_BATCH, asked);
        const rows = await this.computeLevels(em, orgId, nodes);
        // A KPI's change of colour at a tenant is an event, written with the figure: a
        // built-in KPI's through its own port, any other's as kpi_rollup.rag_changed.
        for (const row of rows) {
          if (row.ragBefore === row.ragAfter) continue;
          const { tenantId, kpiId, period, ragBefore: from, ragAfter: to } = row;
          if (row.builtIn) await this.ragChanges.changed(em, { tenantId, kpiId, period, orgId, from, to });
          else await this.outbox.publish(em, orgId, KPI_RAG_CHANGED_JOB, { tenantId, kpiId, period, from, to });
        }
        return { changed: rows, more: nodes.length - asked.length >= TICK_BATCH };
      }),
    );
    await Promise.all(changed.map(({ tenantId, kpiId, period }) => this.events.publish({ orgId, tenantId, kpiId, period })));
    return { changed: changed.length, more };
  }

  /** Deepest level first; a changed node's parent joins the level above. Every changed node, once. */
  private async computeLevels(em: EntityManager, orgId: string, nodes: TickNodeRow[]): Promise<ChangedNodeRow[]> {
    const levels = new Map<number, Map<string, RollupNode>>();
    const add = (depth: number, node: RollupNode) => {
      const level = levels.get(depth) ?? new Map<string, RollupNode>();
      levels.set(depth, level);
      level.set(`${node.tenantId}|${node.kpiId}|${node.period}`, { tenantId: node.tenantId, kpiId: node.kpiId, period: node.period });
    };
    for (const node of nodes) add(node.depth, node);
    const changed: ChangedNodeRow[] = [];
    for (let depth = Math.max(-1, ...levels.keys()); depth >= 0; depth--) {
      const level = levels.get(depth);
      if (!level) continue;
      for (const row of await this.rollups.recomputeLevel(em, orgId, [...level.values()])) {
        changed.push(row);
        if (row.parentId) add(depth - 1, { tenantId: row.parentId, kpiId: row.kpiId, period: row.period });
      }
    }
    return changed;
  }
}

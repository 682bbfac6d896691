// kpiRollupUpdated: the caller must be allowed to read the tenant when subscribing, and
// each change is read back through the subscriber's own user, so a subscriber never
// receives a figure it could not query. Subscribers of one tenant acting as the same
// user would read exactly the same rows: they share one read per burst of changes (a
// ReadGroup) instead of one per change per subscription, and receive the same payload
// objects, whose executions then share one context and its loaders (subscribeInContext).
import { Injectable, Logger } from '@nestjs/common';
import { GraphqlContext, peekContext, runWithContext, unauthenticated } from '@pmo/core';
import { KpiRollupModel } from '../read/kpi-rollup.model';
import { RollupQueryService } from '../read/rollup-query.service';
import { Mailbox, ReadGroup } from './rollup-fanout';
import { RollupChanged, RollupEvents } from './rollup-events';

type Payload = { kpiRollupUpdated: KpiRollupModel };
type Node = Pick<RollupChanged, 'kpiId' | 'period'>;

const nodeKey = (node: Node) => `${node.kpiId}|${node.period}`;

@Injectable()
export class RollupSubscriptions {
  private readonly logger = new Logger(RollupSubscriptions.name);
  /** Groups by tenant, then by user. */
  private readonly groups = new Map<string, Map<string, ReadGroup<Node, Payload>>>();
  private stopListening?: () => void;

  constructor(
    private readonly events: RollupEvents,
    private readonly rollups: RollupQueryService,
  ) {}

  async updates(tenantId: string, graphql: GraphqlContext): Promise<AsyncIterableIterator<Payload>> {
    const context = graphql.requestContext ?? peekContext();
    if (!context || context.actor.kind !== 'user') throw unauthenticated();
    const { requestId, actor } = context;
    const id = await runWithContext({ requestId, actor }, () => this.rollups.assertReadable(tenantId));
    // One read per tenant and session: sessions end apart (a logout on one device must
    // not stop another's updates), and a session sees what its user sees.
    const bySession = this.groups.get(id) ?? new Map<string, ReadGroup<Node, Payload>>();
    this.groups.set(id, bySession);
    let group = bySession.get(actor.sessionId);
    if (!group) {
      group = new ReadGroup<Node, Payload>(
        nodeKey,
        async (nodes) => {
          const rows = await runWithContext({ requestId, actor }, () => this.rollups.rollupsAt(id, nodes));
          return rows.map((rollup) => ({ key: nodeKey(rollup), item: { kpiRollupUpdated: rollup } }));
        },
        (error) => this.logger.warn(`rollup updates for tenant ${id} not read: ${String(error)}`),
      );
      bySession.set(actor.sessionId, group);
    }
    this.stopListening ??= this.events.listen((event) => this.groups.get(event.tenantId)?.forEach((each) => each.offer(event)));
    const member: ReadGroup<Node, Payload> = group;
    const mailbox = new Mailbox<Payload>(() => this.leave(id, actor.sessionId, member, mailbox));
    member.members.add(mailbox);
    return mailbox;
  }

  private leave(tenantId: string, sessionId: string, group: ReadGroup<Node, Payload>, mailbox: Mailbox<Payload>): void {
    group.members.delete(mailbox);
    if (group.members.size) return;
    const bySession = this.groups.get(tenantId);
    if (bySession?.get(sessionId) === group) bySession.delete(sessionId);
    if (bySession && !bySession.size) this.groups.delete(tenantId);
    if (!this.groups.size) {
      this.stopListening?.();
      this.stopListening = undefined;
    }
  }
}

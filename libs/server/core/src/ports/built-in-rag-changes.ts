// When a tenant's figure of a built-in KPI (the system's own, such as compliance) changes
// colour, the rollup engine tells this port, in the transaction that changed it; the
// feature that owns the KPI's meaning (governance, for compliance) publishes the event.
// The engine knows figures, not what they mean, and no feature imports another.
import type { EntityManager } from 'typeorm';
import type { Rag } from '@pmo/shared';
import type { RollupNode } from '../queue/rollup-scheduler';

export interface RagChange extends RollupNode {
  orgId: string;
  /** Null when the tenant had no figure before, or has none now. */
  from: Rag | null;
  to: Rag | null;
}

export abstract class BuiltInRagChanges {
  /** Records the change with the transaction `em` belongs to (an outbox event, for instance). */
  abstract changed(em: EntityManager, change: RagChange): Promise<void>;
}

// The audit log's statement on every mutation, written once (see docs/data-layer.md).
import { statement } from '../database/sql';

/** Appends one entry; `before` and `after` are JSON text, stored as jsonb. */
export const APPEND_AUDIT_ENTRY = statement<
  never,
  [tenantId: string, orgId: string, actorId: string | null, entity: string, entityId: string, action: string, before: string | null, after: string | null]
>(
  'append-audit-entry',
  `INSERT INTO audit_log (tenant_id, org_id, actor_id, entity, entity_id, action, before, after)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
);

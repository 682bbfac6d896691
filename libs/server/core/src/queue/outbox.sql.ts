import { statement } from '../database/sql';
import type { OutboxPayload } from './outbox.entity';
import type { RemovedOutboxRow } from './outbox.repository';

export interface OutboxPendingRow {
  jobName: string;
  payload: OutboxPayload;
}

/**
 * Outbox rows older than $1 (an interval), oldest first, at most $2: every
 * organization's, through the definer function (no tenant context sees them all).
 */
export const OUTBOX_PENDING = statement<OutboxPendingRow, [olderThan: string, limit: number]>(
  'outbox-pending',
  'SELECT job_name AS "jobName", payload FROM pmo_outbox_pending($1::interval, $2)',
);

/**
 * Deletes up to $3 of the tenant's ($1) rows of one job ($2), oldest first, and returns
 * them: what one job does for every change its tenant queued. A concurrent claimer of the
 * same rows waits for this one, then finds them gone: no row is claimed twice.
 */
export const OUTBOX_CLAIM = statement<RemovedOutboxRow, [tenantId: string, jobName: string, limit: number]>(
  'outbox-claim',
  `WITH claimed AS (
     DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE tenant_id = $1 AND job_name = $2 ORDER BY created_at LIMIT $3)
     RETURNING job_name, tenant_id, org_id, payload, created_at
   )
   SELECT job_name AS "jobName", tenant_id AS "tenantId", org_id AS "orgId", payload FROM claimed ORDER BY created_at`,
);

import { statement } from '../database/sql';
import type { OutboxPayload } from './outbox.entity';

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

/** A row a handler removed: what the event was, for whoever fans events out (CompletedEvents). */
export interface RemovedOutboxRow {
  jobName: string;
  tenantId: string;
  orgId: string;
  payload: OutboxPayload;
}

/** Deletes the row $1 and returns it; nothing when it is gone (its job was already done) or not the caller's to see. */
export const OUTBOX_REMOVE = statement<RemovedOutboxRow, [id: string]>(
  'outbox-remove',
  'DELETE FROM outbox WHERE id = $1 RETURNING job_name AS "jobName", tenant_id AS "tenantId", org_id AS "orgId", payload',
);

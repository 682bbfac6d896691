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

// The fan-out's statements, run in the organization's context by the fan-out job: one
// insert of an event's notifications (recipients by its rule, then those who may see the
// entity and have not muted the kind) and one of its webhook deliveries. Both are keyed
// by the event, so a redelivered job adds nothing.
import { statement } from '@pmo/core';
import { EVENT_TYPES, EventType } from './event-types';

export interface NotifiedRow {
  id: string;
  userId: string;
}

/** $1 tenant, $2 payload (jsonb), $3 org, $4 kind, $5 event id, $6 title, $7 entity, $8 entity id. */
export type NotifyParams = [
  tenantId: string,
  data: string,
  orgId: string,
  kind: string,
  eventId: string,
  title: string,
  entity: string | null,
  entityId: string | null,
];

const notify = ({ recipients, alsoSeenBy }: EventType) => `
  WITH recipients AS (${recipients.join(' UNION ALL ')}),
  allowed AS (
    SELECT DISTINCT r.user_id FROM recipients r JOIN tenants t ON t.id = $1
     WHERE r.user_id IS NOT NULL
       AND (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = r.user_id AND m.status = 'ACTIVE' AND m.tenant_id = ANY (t.path))
            OR EXISTS (SELECT 1 FROM project_reviews pr LEFT JOIN project_review_reviewers x ON x.review_id = pr.id
                        WHERE pr.project_id = ($2::jsonb->>'projectId')::uuid AND pr.state <> 'CLOSED'
                          AND (pr.lead_id = r.user_id OR x.user_id = r.user_id))${
                            alsoSeenBy
                              ? `
            OR ${alsoSeenBy}`
                              : ''
                          })
       AND NOT EXISTS (SELECT 1 FROM notification_mutes mu WHERE mu.user_id = r.user_id AND mu.kind = $4)
  )
  INSERT INTO notifications (id, user_id, tenant_id, org_id, event_id, kind, title, entity, entity_id)
  SELECT gen_random_uuid(), a.user_id, $1, $3, $5, $4, $6, $7, $8 FROM allowed a
  ON CONFLICT (event_id, user_id) DO NOTHING
  RETURNING id, user_id AS "userId"`;

/** One statement per event type (by its job's name), so each is named and reviewed. */
export const NOTIFY = new Map(
  Object.entries(EVENT_TYPES).map(([jobName, type]) => [jobName, statement<NotifiedRow, NotifyParams>(`notify-${type.type}`, notify(type))]),
);

export interface NewDeliveryRow {
  id: string;
  tenantId: string;
}

/** The deliveries of event $2 (type $3, message $4, body $5) to the active endpoints of tenant $1 and its ancestors that subscribed to it. */
export const ADD_DELIVERIES = statement<NewDeliveryRow, [tenantId: string, eventId: string, type: string, messageId: string, body: string]>(
  'webhook-add-deliveries',
  `INSERT INTO webhook_deliveries (id, endpoint_id, tenant_id, org_id, event_id, event, message_id, body)
   SELECT gen_random_uuid(), e.id, e.tenant_id, e.org_id, $2, $3, $4, $5
     FROM webhook_endpoints e JOIN tenants t ON t.id = $1
    WHERE e.tenant_id = ANY (t.path) AND e.active AND $3 = ANY (e.events)
   ON CONFLICT (event_id, endpoint_id) DO NOTHING
   RETURNING id, tenant_id AS "tenantId"`,
);

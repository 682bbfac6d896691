// Notifications and webhooks: what the worker makes of business events.
//
// - notifications: one per (event, recipient), each user's own; a user reads and marks only
//   theirs, a job (no user) writes them for the tenants of its context.
// - notification_mutes: the kinds a user does not want (the user's own, like sessions).
// - webhook_endpoints: per tenant, for the events of its subtree, with the signing secret
//   (and, while a rotation overlaps, the previous one).
// - webhook_deliveries: one per (event, endpoint), the message signed and retried as is.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764830000000 implements MigrationInterface {
  name = 'Notifications1764830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        title text NOT NULL,
        body text,
        entity text,
        entity_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      -- A redelivered event notifies nobody twice.
      CREATE UNIQUE INDEX notifications_event_user ON notifications (event_id, user_id);
      -- A user's list, newest first, page after page.
      CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id DESC);
      CREATE INDEX notifications_tenant ON notifications (tenant_id);

      CREATE TABLE notification_mutes (
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      );

      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        secret text NOT NULL,
        previous_secret text,
        previous_secret_until timestamptz,
        active boolean NOT NULL DEFAULT true,
        -- Messages whose every attempt failed since the last success; enough of them disable the endpoint.
        failed_messages int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX webhook_endpoints_tenant_url ON webhook_endpoints (tenant_id, url);

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        event_id uuid NOT NULL,
        event text NOT NULL,
        message_id text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        last_response_status int,
        last_response_body text CHECK (length(last_response_body) <= 1024),
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX webhook_deliveries_event_endpoint ON webhook_deliveries (event_id, endpoint_id);
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
      CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries (tenant_id);

      ALTER TABLE notifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY notifications_read ON notifications FOR SELECT
        USING (user_id = (SELECT pmo_user()) OR ((SELECT pmo_user()) IS NULL AND tenant_id = ANY ((SELECT pmo_visible())::uuid[])));
      CREATE POLICY notifications_mark ON notifications FOR UPDATE USING (user_id = (SELECT pmo_user()));
      CREATE POLICY notifications_insert ON notifications FOR INSERT
        WITH CHECK ((SELECT pmo_user()) IS NULL AND tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE notification_mutes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY notification_mutes_own ON notification_mutes USING (user_id = (SELECT pmo_user()));
      -- A job reads the mutes of the people of its tenants, to leave them out.
      CREATE POLICY notification_mutes_job ON notification_mutes FOR SELECT
        USING ((SELECT pmo_user()) IS NULL AND user_id IN (SELECT m.user_id FROM memberships m WHERE m.tenant_id = ANY ((SELECT pmo_visible())::uuid[])));

      ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY webhook_endpoints_tenant ON webhook_endpoints USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY webhook_deliveries_tenant ON webhook_deliveries USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      -- Read notifications older than $1, every organization's: the prune job's, outside any context.
      CREATE FUNCTION pmo_prune_notifications(p_read_before interval) RETURNS int LANGUAGE plpgsql SECURITY DEFINER AS $f$
      DECLARE removed int;
      BEGIN
        DELETE FROM notifications WHERE read_at < now() - p_read_before;
        GET DIAGNOSTICS removed = ROW_COUNT;
        RETURN removed;
      END $f$;
      -- The daily digest: every user's unread notifications of the last $1, with their address
      -- (outside any context: the worker's digest job alone calls it).
      CREATE FUNCTION pmo_notification_digest(p_since interval) RETURNS TABLE (email text, kind text, title text, created_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT u.email, n.kind, n.title, n.created_at FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE n.read_at IS NULL AND n.created_at >= now() - p_since ORDER BY u.email, n.created_at DESC
      $f$;
      REVOKE EXECUTE ON FUNCTION pmo_prune_notifications(interval), pmo_notification_digest(interval) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_prune_notifications(interval), pmo_notification_digest(interval) TO pmo_worker_rw;

      GRANT SELECT, INSERT, UPDATE (read_at) ON notifications TO pmo_app_rw;
      GRANT SELECT, INSERT, DELETE ON notification_mutes TO pmo_app_rw;
      GRANT SELECT, INSERT, DELETE, UPDATE (secret, previous_secret, previous_secret_until, active, failed_messages) ON webhook_endpoints TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (status, attempts, last_response_status, last_response_body, last_error, next_attempt_at, delivered_at)
        ON webhook_deliveries TO pmo_app_rw;

      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_notification_digest, pmo_prune_notifications;
      DROP TABLE webhook_deliveries, webhook_endpoints, notification_mutes, notifications;
    `);
  }
}

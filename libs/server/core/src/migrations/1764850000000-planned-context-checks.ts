// The context checks every row-level policy and every session entry call, as plpgsql:
// PostgreSQL plans a SQL function it cannot inline (a definer function) again on every
// call, so the signature check behind pmo_visible() ran the planner about a dozen times
// per write; a plpgsql function keeps its plans for the connection's life. Same bodies,
// same answers (the key table holds exactly one row).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlannedContextChecks1764850000000 implements MigrationInterface {
  name = 'PlannedContextChecks1764850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_context_mac(p_user text, p_tenants text, p_ancestors text, p_invited text) RETURNS text
        LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (SELECT encode(sha256(k.key || pmo_context_message(p_user, p_tenants, p_ancestors, p_invited) || k.key), 'hex') FROM pmo_context_key k);
      END $f$;

      CREATE OR REPLACE FUNCTION pmo_context_valid() RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN coalesce(current_setting('app.context_mac', true), '') <> ''
           AND current_setting('app.context_mac', true) = (
             SELECT encode(sha256(k.key || pmo_context_message(current_setting('app.user_id', true), current_setting('app.tenant_ids', true),
                      current_setting('app.ancestor_ids', true), current_setting('app.invited_ids', true)) || k.key), 'hex')
               FROM pmo_context_key k);
      END $f$;

      CREATE OR REPLACE FUNCTION pmo_session_user(p_session uuid) RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (SELECT s.user_id FROM sessions s
                 WHERE s.id = p_session AND s.ended_at IS NULL AND s.expires_at > now()
                   AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = s.user_id));
      END $f$;

      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_context_mac(p_user text, p_tenants text, p_ancestors text, p_invited text) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT encode(sha256(k.key || pmo_context_message(p_user, p_tenants, p_ancestors, p_invited) || k.key), 'hex') FROM pmo_context_key k
      $f$;

      CREATE OR REPLACE FUNCTION pmo_context_valid() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(current_setting('app.context_mac', true), '') <> ''
           AND current_setting('app.context_mac', true) = encode(sha256(k.key || pmo_context_message(current_setting('app.user_id', true),
                 current_setting('app.tenant_ids', true), current_setting('app.ancestor_ids', true), current_setting('app.invited_ids', true)) || k.key), 'hex')
          FROM pmo_context_key k
      $f$;

      CREATE OR REPLACE FUNCTION pmo_session_user(p_session uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT s.user_id FROM sessions s
         WHERE s.id = p_session AND s.ended_at IS NULL AND s.expires_at > now()
           AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = s.user_id)
      $f$;

      SELECT pmo_harden_definers();
    `);
  }
}

// Access that ends, and a tenant context the runtime roles cannot forge.
//
// - Sessions: every token names a session row; entering a context checks it (not ended,
//   not expired, the user still a member somewhere), so logout, a password change or a
//   removal ends access on the next statement, with no extra round trip.
// - Invitations: a membership is ACTIVE or INVITED; an invitation grants nothing but the
//   inviting tenant's identity (a set of its own, app.invited_ids), until its user accepts
//   it. Only an invitation, the caller's own membership or that of an account made in the
//   same transaction may be inserted: nobody is made an active member without consent.
// - Passwords never leave the database: login reads a user's scrypt parameters and salt,
//   the api derives the key, and the database opens a session only when it matches. So
//   the api's role cannot open a session (or change a password) without the password.
// - The context settings (app.user_id, app.tenant_ids, app.ancestor_ids, app.invited_ids) are signed with
//   a key only pmo_definer can read, bound to the backend and the transaction's start:
//   a role that sets them by hand with set_config sees nothing. Only the entry functions
//   sign, and each signs only what its caller is owed: the api's roles enter as a live
//   session or a new sign-up, the worker's role (pmo_worker_rw) also as a tenant.
// - Every SECURITY DEFINER function is owned by pmo_definer (NOLOGIN, not a superuser;
//   BYPASSRLS, since entering a context reads memberships before any context exists) and
//   searches pg_catalog, public, then pg_temp: a temporary object can never shadow a
//   table or function inside one.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionsAndSignedContext1764500000000 implements MigrationInterface {
  name = 'SessionsAndSignedContext1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        CREATE ROLE pmo_definer NOLOGIN BYPASSRLS;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      DO $$ BEGIN
        CREATE ROLE pmo_worker_rw NOLOGIN NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      GRANT pmo_app_rw TO pmo_worker_rw;
      GRANT USAGE ON SCHEMA public TO pmo_definer;

      CREATE TABLE pmo_context_key (
        id int PRIMARY KEY CHECK (id = 1),
        key bytea NOT NULL
      );
      -- 244 random bits from PostgreSQL's strong random source.
      INSERT INTO pmo_context_key VALUES (1, convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8'));
      ALTER TABLE pmo_context_key ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      ALTER TABLE sessions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY sessions_own ON sessions USING (user_id = (SELECT pmo_user()));

      ALTER TABLE memberships ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INVITED'));
      CREATE INDEX memberships_user ON memberships (user_id);
      -- An invitee reads their own invitations; only the tenant's side changes them,
      -- except that an invitee may decline (delete) an invitation of their own.
      -- Whether this transaction made the account (addMember with a password): only then
      -- may its membership be ACTIVE without its own consent.
      CREATE FUNCTION pmo_user_created_here(p_user uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user
                          AND u.xmin::text = (pg_current_xact_id()::text::bigint % 4294967296)::text)
      $f$;
      DROP POLICY memberships_tenant ON memberships;
      CREATE POLICY memberships_read ON memberships FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) OR user_id = (SELECT pmo_user()));
      CREATE POLICY memberships_insert ON memberships FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[])
                    AND (status = 'INVITED' OR user_id = (SELECT pmo_user()) OR pmo_user_created_here(user_id)));
      CREATE POLICY memberships_update ON memberships FOR UPDATE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY memberships_delete ON memberships FOR DELETE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) OR (user_id = (SELECT pmo_user()) AND status = 'INVITED'));
      GRANT UPDATE (role), DELETE ON memberships TO pmo_app_rw;

      -- Password hashes are the database's: the runtime roles read users' ids and emails
      -- only, and change a password through pmo_change_password. An invited user who had
      -- no account yet has no password (an empty hash) until they sign up (as themselves).
      REVOKE SELECT ON users FROM pmo_app_rw;
      GRANT SELECT (id, email, created_at) ON users TO pmo_app_rw;
      CREATE POLICY users_update ON users FOR UPDATE USING (id = (SELECT pmo_user()));
      GRANT UPDATE (password_hash) ON users TO pmo_app_rw;
      GRANT SELECT, UPDATE (ended_at) ON sessions TO pmo_app_rw;

      -- The signature of a context: the three settings, the backend and the transaction's
      -- start, under a key only pmo_definer reads (the key on both sides of the message,
      -- so it cannot be extended). Settings never contain '|'. The message is a plain SQL
      -- function, inlined into the two definer functions that sign and check: checking
      -- runs once per policy and statement, so it stays one function call.
      CREATE FUNCTION pmo_context_message(p_user text, p_tenants text, p_ancestors text, p_invited text) RETURNS bytea
        LANGUAGE sql STABLE AS $f$
        SELECT convert_to(concat_ws('|', coalesce(p_user, ''), coalesce(p_tenants, ''), coalesce(p_ancestors, ''), coalesce(p_invited, ''),
                 pg_backend_pid()::text, extract(epoch FROM transaction_timestamp())::text), 'UTF8')
      $f$;

      CREATE FUNCTION pmo_context_mac(p_user text, p_tenants text, p_ancestors text, p_invited text) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT encode(sha256(k.key || pmo_context_message(p_user, p_tenants, p_ancestors, p_invited) || k.key), 'hex') FROM pmo_context_key k
      $f$;

      CREATE FUNCTION pmo_context_valid() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(current_setting('app.context_mac', true), '') <> ''
           AND current_setting('app.context_mac', true) = encode(sha256(k.key || pmo_context_message(current_setting('app.user_id', true),
                 current_setting('app.tenant_ids', true), current_setting('app.ancestor_ids', true), current_setting('app.invited_ids', true)) || k.key), 'hex')
          FROM pmo_context_key k
      $f$;

      CREATE FUNCTION pmo_set_context(p_user uuid, p_tenants uuid[], p_ancestors uuid[], p_invited uuid[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        PERFORM set_config('app.user_id', coalesce(p_user::text, ''), true),
                set_config('app.tenant_ids', p_tenants::text, true),
                set_config('app.ancestor_ids', p_ancestors::text, true),
                set_config('app.invited_ids', p_invited::text, true),
                set_config('app.context_mac', pmo_context_mac(coalesce(p_user::text, ''), p_tenants::text, p_ancestors::text, p_invited::text), true);
      END $f$;

      -- Policies read the settings through these: unsigned settings are no settings.
      CREATE OR REPLACE FUNCTION pmo_visible() RETURNS uuid[] LANGUAGE sql STABLE AS $f$
        SELECT CASE WHEN pmo_context_valid() THEN coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[] ELSE '{}'::uuid[] END
      $f$;
      CREATE OR REPLACE FUNCTION pmo_ancestors() RETURNS uuid[] LANGUAGE sql STABLE AS $f$
        SELECT CASE WHEN pmo_context_valid() THEN coalesce(nullif(current_setting('app.ancestor_ids', true), ''), '{}')::uuid[] ELSE '{}'::uuid[] END
      $f$;
      CREATE OR REPLACE FUNCTION pmo_user() RETURNS uuid LANGUAGE sql STABLE AS $f$
        SELECT CASE WHEN pmo_context_valid() THEN nullif(current_setting('app.user_id', true), '')::uuid END
      $f$;
      CREATE FUNCTION pmo_invited() RETURNS uuid[] LANGUAGE sql STABLE AS $f$
        SELECT CASE WHEN pmo_context_valid() THEN coalesce(nullif(current_setting('app.invited_ids', true), ''), '{}')::uuid[] ELSE '{}'::uuid[] END
      $f$;
      -- A tenant that invited the caller shows its identity, nothing else of it.
      DROP POLICY tenants_read ON tenants;
      CREATE POLICY tenants_read ON tenants FOR SELECT
        USING (id = ANY ((SELECT pmo_visible())::uuid[]) OR id = ANY ((SELECT pmo_ancestors())::uuid[])
               OR id = ANY ((SELECT pmo_invited())::uuid[]));


      -- The scrypt parameters and salt of an account ("scrypt$N$r$p$salt"; empty without a
      -- password): what the api needs to derive a key, never the key itself.
      DROP FUNCTION pmo_user_by_email(text);
      CREATE FUNCTION pmo_user_by_email(p_email text) RETURNS TABLE (id uuid, password_settings text)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT u.id, CASE WHEN u.password_hash = '' THEN '' ELSE array_to_string((string_to_array(u.password_hash, '$'))[1:5], '$') END
          FROM users u WHERE lower(u.email) = lower(p_email)
      $f$;

      -- Opens a session when the key the api derived from the password given matches the
      -- stored one (login, sign-up, a password change); NULL otherwise.
      CREATE FUNCTION pmo_open_session(p_user uuid, p_password_hash text, p_ttl_seconds int) RETURNS uuid
        LANGUAGE plpgsql SECURITY DEFINER AS $f$
      DECLARE sid uuid := gen_random_uuid();
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM users WHERE id = p_user AND password_hash <> '' AND password_hash = p_password_hash) THEN
          RETURN NULL;
        END IF;
        DELETE FROM sessions WHERE user_id = p_user AND expires_at < now() - interval '1 day';
        INSERT INTO sessions (id, user_id, expires_at) VALUES (sid, p_user, now() + make_interval(secs => p_ttl_seconds));
        RETURN sid;
      END $f$;

      -- The caller's own password, given the key of the current one: every session ends.
      CREATE FUNCTION pmo_change_password(p_current_hash text, p_new_hash text) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        UPDATE users SET password_hash = p_new_hash WHERE id = pmo_user() AND password_hash <> '' AND password_hash = p_current_hash;
        IF NOT FOUND THEN RETURN false; END IF;
        UPDATE sessions SET ended_at = now() WHERE user_id = pmo_user() AND ended_at IS NULL;
        RETURN true;
      END $f$;

      -- Whether a session still grants access: not ended, not expired, and its user still
      -- holds a membership somewhere (a user removed from everything is signed out).
      CREATE FUNCTION pmo_session_user(p_session uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT s.user_id FROM sessions s
         WHERE s.id = p_session AND s.ended_at IS NULL AND s.expires_at > now()
           AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = s.user_id)
      $f$;

      -- Enters a live session's context: the subtrees of its ACTIVE memberships, their
      -- ancestors (identity and published standards) and the tenants that invited the user
      -- (identity only). Returns the
      -- user and their active grants (authorization needs them on nearly every request).
      -- An ended session raises 28000, which the api answers as UNAUTHENTICATED.
      CREATE FUNCTION pmo_enter_session(p_session uuid) RETURNS TABLE (user_id uuid, grants jsonb)
        LANGUAGE plpgsql SECURITY DEFINER AS $f$
      #variable_conflict use_column
      DECLARE uid uuid; visible uuid[]; ancestors uuid[]; invited uuid[];
      BEGIN
        uid := pmo_session_user(p_session);
        IF uid IS NULL THEN RAISE EXCEPTION 'session ended' USING ERRCODE = '28000'; END IF;
        SELECT coalesce(array_agg(DISTINCT t.id), '{}') INTO visible
          FROM memberships m JOIN tenants t ON t.path @> ARRAY[m.tenant_id]
         WHERE m.user_id = uid AND m.status = 'ACTIVE';
        SELECT coalesce(array_agg(DISTINCT a), '{}') INTO ancestors
          FROM memberships m JOIN tenants t ON t.id = m.tenant_id, unnest(t.path) a
         WHERE m.user_id = uid AND m.status = 'ACTIVE' AND NOT a = ANY (visible);
        SELECT coalesce(array_agg(m.tenant_id), '{}') INTO invited
          FROM memberships m WHERE m.user_id = uid AND m.status = 'INVITED' AND NOT m.tenant_id = ANY (visible);
        PERFORM pmo_set_context(uid, visible, ancestors, invited);
        RETURN QUERY SELECT uid, coalesce(jsonb_agg(jsonb_build_object('tenantId', m.tenant_id, 'role', m.role)), '[]'::jsonb)
          FROM memberships m WHERE m.user_id = uid AND m.status = 'ACTIVE';
      END $f$;

      -- Sign-up: the context of an organization being created. Only for a hub that does
      -- not exist yet and a user that is new or was invited before having an account.
      CREATE FUNCTION pmo_enter_signup(p_user uuid, p_hub uuid) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER AS $f$
      DECLARE claimed text;
      BEGIN
        -- An invited account is claimed once: a second sign-up waits here, then sees its password.
        SELECT password_hash INTO claimed FROM users WHERE id = p_user FOR UPDATE;
        IF EXISTS (SELECT 1 FROM tenants WHERE id = p_hub) OR claimed <> '' THEN
          RAISE EXCEPTION 'not a new organization' USING ERRCODE = '42501';
        END IF;
        PERFORM pmo_set_context(p_user, ARRAY[p_hub], '{}', '{}');
      END $f$;

      -- The invitee accepts: the membership becomes ACTIVE with the role it was offered.
      CREATE FUNCTION pmo_accept_invitation(p_tenant uuid) RETURNS text
        LANGUAGE sql SECURITY DEFINER AS $f$
        UPDATE memberships SET status = 'ACTIVE'
         WHERE user_id = pmo_user() AND tenant_id = p_tenant AND status = 'INVITED'
        RETURNING role
      $f$;

      -- A job acting for a tenant: the worker's role only.
      CREATE OR REPLACE FUNCTION pmo_enter_tenant(p_tenant uuid) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER AS $f$
      DECLARE visible uuid[]; ancestors uuid[];
      BEGIN
        SELECT coalesce(array_agg(id), '{}') INTO visible FROM tenants WHERE path @> ARRAY[p_tenant];
        SELECT coalesce(path[1:depth], '{}') INTO ancestors FROM tenants WHERE id = p_tenant;
        PERFORM pmo_set_context(NULL, visible, coalesce(ancestors, '{}'), '{}');
      END $f$;

      -- Answers only for a tenant the caller can see, and only yes or no.
      CREATE OR REPLACE FUNCTION pmo_member_covers(p_user uuid, p_tenant uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT p_tenant = ANY (pmo_visible())
           AND EXISTS (SELECT 1 FROM memberships m JOIN tenants t ON t.id = p_tenant
                        WHERE m.user_id = p_user AND m.status = 'ACTIVE' AND m.tenant_id = ANY (t.path))
      $f$;

      DROP FUNCTION pmo_enter_user(uuid);

      REVOKE EXECUTE ON FUNCTION pmo_context_mac(text, text, text, text), pmo_context_valid(), pmo_set_context(uuid, uuid[], uuid[], uuid[]),
        pmo_open_session(uuid, text, int), pmo_change_password(text, text), pmo_session_user(uuid), pmo_enter_session(uuid),
        pmo_enter_signup(uuid, uuid), pmo_accept_invitation(uuid), pmo_user_created_here(uuid), pmo_user_by_email(text) FROM PUBLIC;
      -- Policies evaluate pmo_visible() as the querying role: it may check a context, not make one.
      GRANT EXECUTE ON FUNCTION pmo_context_valid(), pmo_open_session(uuid, text, int), pmo_change_password(text, text),
        pmo_session_user(uuid), pmo_enter_session(uuid), pmo_enter_signup(uuid, uuid), pmo_accept_invitation(uuid),
        pmo_user_created_here(uuid), pmo_user_by_email(text) TO pmo_app_rw;
      REVOKE EXECUTE ON FUNCTION pmo_enter_tenant(uuid), pmo_outbox_pending(interval, int), pmo_dirty_pending(interval, int) FROM pmo_app_rw;
      GRANT EXECUTE ON FUNCTION pmo_enter_tenant(uuid), pmo_outbox_pending(interval, int), pmo_dirty_pending(interval, int) TO pmo_worker_rw;

      -- Definer functions: one owner, NOLOGIN and not a superuser, and a search path that
      -- ends with pg_temp. Later migrations call pmo_harden_definers() after adding one.
      CREATE FUNCTION pmo_harden_definers() RETURNS void LANGUAGE plpgsql AS $f$
      DECLARE f regprocedure;
      BEGIN
        FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO pmo_definer', f);
          EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, public, pg_temp', f);
        END LOOP;
      END $f$;
      REVOKE EXECUTE ON FUNCTION pmo_harden_definers() FROM PUBLIC;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO pmo_definer;
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO pmo_definer;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pmo_definer;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO pmo_definer;
      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_accept_invitation, pmo_enter_signup, pmo_enter_session, pmo_session_user, pmo_open_session;
      DROP TABLE sessions;
      ALTER TABLE memberships DROP COLUMN status;
    `);
  }
}

// Tenants, users, memberships, the audit log and the job outbox, with Row Level Security.
// Policies read the transaction's settings: app.tenant_ids (the subtrees the caller may
// read), app.ancestor_ids (their ancestors: identity and published standards only) and
// app.user_id. Unset settings mean empty sets: no context, no rows.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Tenancy1764100000000 implements MigrationInterface {
  name = 'Tenancy1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        CREATE ROLE pmo_app_rw NOLOGIN NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$;
      GRANT USAGE ON SCHEMA public TO pmo_app_rw;

      CREATE FUNCTION pmo_visible() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[] $f$;
      CREATE FUNCTION pmo_ancestors() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.ancestor_ids', true), ''), '{}')::uuid[] $f$;
      CREATE FUNCTION pmo_user() RETURNS uuid LANGUAGE sql STABLE
        AS $f$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $f$;

      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        parent_id uuid REFERENCES tenants(id),
        kind text NOT NULL CHECK (kind IN ('HUB', 'SPOKE')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        depth int NOT NULL CHECK (depth >= 0),
        path uuid[] NOT NULL, -- root first, self last: "subtree of T" is path @> {T}
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'HUB') = (parent_id IS NULL)),
        CHECK (cardinality(path) = depth + 1 AND path[depth + 1] = id)
      );
      CREATE INDEX tenants_path ON tenants USING gin (path);
      CREATE INDEX tenants_parent ON tenants (parent_id);
      CREATE UNIQUE INDEX tenants_sibling_name ON tenants (parent_id, lower(name)) WHERE parent_id IS NOT NULL;

      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email ON users (lower(email));

      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('ORG_ADMIN', 'PMO_LEAD', 'PROJECT_MANAGER', 'EXECUTIVE', 'VIEWER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, tenant_id)
      );
      CREATE INDEX memberships_tenant ON memberships (tenant_id);

      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        actor_id uuid,
        entity text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id DESC);

      -- Jobs to publish: written in the mutation's transaction, published after commit,
      -- deleted by the job's handler; the sweep republishes what is left behind.
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_tenant ON outbox (tenant_id);
      CREATE INDEX outbox_created ON outbox (created_at);

      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenants_read ON tenants FOR SELECT
        USING (id = ANY ((SELECT pmo_visible())::uuid[]) OR id = ANY ((SELECT pmo_ancestors())::uuid[]));
      -- A new hub is the caller's own (sign-up); a new spoke sits under a visible parent.
      CREATE POLICY tenants_insert ON tenants FOR INSERT
        WITH CHECK ((parent_id IS NULL AND id = ANY ((SELECT pmo_visible())::uuid[])) OR parent_id = ANY ((SELECT pmo_visible())::uuid[]));

      -- The tree's shape is the database's to guard: a tenant's organization, path and
      -- depth are those its parent dictates (a policy cannot read the parent row itself).
      CREATE FUNCTION pmo_check_tenant_shape() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
      DECLARE parent tenants;
      BEGIN
        IF NEW.parent_id IS NULL THEN
          IF NEW.org_id = NEW.id AND NEW.path = ARRAY[NEW.id] AND NEW.depth = 0 THEN RETURN NEW; END IF;
        ELSE
          SELECT * INTO parent FROM tenants WHERE id = NEW.parent_id;
          IF NEW.org_id = parent.org_id AND NEW.path = parent.path || NEW.id AND NEW.depth = parent.depth + 1 THEN RETURN NEW; END IF;
        END IF;
        RAISE EXCEPTION 'tenant % does not fit under its parent', NEW.id USING ERRCODE = 'check_violation';
      END $f$;
      CREATE TRIGGER tenants_shape BEFORE INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION pmo_check_tenant_shape();

      ALTER TABLE users ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY users_read ON users FOR SELECT
        USING (id = (SELECT pmo_user()) OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
      CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (true);

      ALTER TABLE memberships ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY memberships_tenant ON memberships
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY audit_log_tenant ON audit_log
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE outbox ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY outbox_tenant ON outbox
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      -- Entering a context needs to read memberships before any context exists: these
      -- run as the owner (who must bypass RLS) and return only what the caller is owed.
      -- Also returns the user's memberships: the service layer's authorization needs them
      -- on nearly every request, and this saves it a round trip.
      CREATE FUNCTION pmo_enter_user(p_user uuid) RETURNS TABLE (tenant_id uuid, role text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
      DECLARE visible uuid[]; ancestors uuid[];
      BEGIN
        SELECT coalesce(array_agg(DISTINCT t.id), '{}') INTO visible
          FROM memberships m JOIN tenants t ON t.path @> ARRAY[m.tenant_id] WHERE m.user_id = p_user;
        SELECT coalesce(array_agg(DISTINCT a), '{}') INTO ancestors
          FROM memberships m JOIN tenants t ON t.id = m.tenant_id, unnest(t.path) a
          WHERE m.user_id = p_user AND NOT a = ANY (visible);
        PERFORM set_config('app.user_id', p_user::text, true),
                set_config('app.tenant_ids', visible::text, true),
                set_config('app.ancestor_ids', ancestors::text, true);
        RETURN QUERY SELECT m.tenant_id, m.role FROM memberships m WHERE m.user_id = p_user;
      END $f$;

      CREATE FUNCTION pmo_enter_tenant(p_tenant uuid) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
      DECLARE visible uuid[]; ancestors uuid[];
      BEGIN
        SELECT coalesce(array_agg(id), '{}') INTO visible FROM tenants WHERE path @> ARRAY[p_tenant];
        SELECT coalesce(path[1:depth], '{}') INTO ancestors FROM tenants WHERE id = p_tenant;
        PERFORM set_config('app.user_id', '', true),
                set_config('app.tenant_ids', visible::text, true),
                set_config('app.ancestor_ids', coalesce(ancestors, '{}')::text, true);
      END $f$;

      CREATE FUNCTION pmo_user_by_email(p_email text) RETURNS TABLE (id uuid, password_hash text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
        SELECT id, password_hash FROM users WHERE lower(email) = lower(p_email)
      $f$;

      CREATE FUNCTION pmo_outbox_pending(p_older_than interval, p_limit int) RETURNS TABLE (job_name text, payload jsonb)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
        SELECT job_name, payload FROM outbox WHERE created_at < now() - p_older_than ORDER BY created_at LIMIT p_limit
      $f$;

      REVOKE EXECUTE ON FUNCTION pmo_enter_user(uuid), pmo_enter_tenant(uuid), pmo_user_by_email(text),
        pmo_outbox_pending(interval, int) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_enter_user(uuid), pmo_enter_tenant(uuid), pmo_user_by_email(text),
        pmo_outbox_pending(interval, int) TO pmo_app_rw;

      -- Only what the app does: tenants, users and memberships are added, never changed
      -- or removed; outbox rows are deleted by the job that did their work.
      GRANT SELECT, INSERT ON tenants, users, memberships TO pmo_app_rw;
      GRANT SELECT, INSERT, DELETE ON outbox TO pmo_app_rw;
      -- Append-only: the app may read and add audit entries, never change them.
      GRANT SELECT, INSERT ON audit_log TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_outbox_pending, pmo_user_by_email, pmo_enter_tenant, pmo_enter_user;
      DROP TABLE outbox, audit_log, memberships, users, tenants;
      DROP FUNCTION pmo_check_tenant_shape;
      DROP FUNCTION pmo_user, pmo_ancestors, pmo_visible;
    `);
  }
}

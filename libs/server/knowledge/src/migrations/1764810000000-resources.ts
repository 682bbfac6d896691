// The shared resource pool: people (or any bookable capacity) homed at a tenant, and their
// allocations to projects by ISO week.
//
// - resources: homed at a tenant (tenant_id) by its PMOs; skills are exact tags; a weekly
//   capacity in hours. The pool is the organization's: every active member of the
//   organization reads every resource (a branch looks for someone to borrow), only the
//   home subtree writes them.
// - resource_allocations: a resource on a project for a range of weeks (stored as their
//   Mondays), SOFT or HARD, APPROVED or REQUESTED (or REJECTED). tenant_id is the
//   resource's home (whose PMOs decide), project_tenant_id the project's; `borrowed` says
//   the project lies outside the home's subtree. Read by the home subtree and by whoever
//   sees the project; inserted by whoever sees the project; decided by the home subtree.
//   The home's PMOs also read the identity of the projects (and their tenants) that borrow
//   their resources, by explicit policies: nobody's tenant set is widened.
// - Allocations of one resource are serialized by locking its row (pmo_lock_resource), so
//   concurrent HARD allocations cannot together exceed a week's capacity.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Resources1764810000000 implements MigrationInterface {
  name = 'Resources1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE resources (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        name text NOT NULL CONSTRAINT resources_name_check CHECK (length(name) BETWEEN 1 AND 200),
        skills text[] NOT NULL DEFAULT '{}',
        weekly_capacity_hours numeric(5,2) NOT NULL
          CONSTRAINT resources_weekly_capacity_hours_check CHECK (weekly_capacity_hours > 0 AND weekly_capacity_hours <= 168),
        user_id uuid REFERENCES users(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX resources_tenant ON resources (tenant_id);
      CREATE INDEX resources_org ON resources (org_id);
      CREATE INDEX resources_skills ON resources USING gin (skills);

      CREATE TABLE resource_allocations (
        id uuid PRIMARY KEY,
        resource_id uuid NOT NULL REFERENCES resources(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        project_id uuid NOT NULL REFERENCES projects(id),
        project_tenant_id uuid NOT NULL REFERENCES tenants(id),
        borrowed boolean NOT NULL,
        from_week date NOT NULL,
        to_week date NOT NULL,
        hours_per_week numeric(5,2) NOT NULL
          CONSTRAINT resource_allocations_hours_per_week_check CHECK (hours_per_week > 0 AND hours_per_week <= 168),
        kind text NOT NULL CONSTRAINT resource_allocations_kind_check CHECK (kind IN ('SOFT', 'HARD')),
        state text NOT NULL CONSTRAINT resource_allocations_state_check CHECK (state IN ('APPROVED', 'REQUESTED', 'REJECTED')),
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        -- Mondays, forwards, at most 106 weeks (the api's bound).
        CONSTRAINT resource_allocations_weeks_check
          CHECK (EXTRACT(isodow FROM from_week) = 1 AND EXTRACT(isodow FROM to_week) = 1 AND from_week <= to_week AND to_week - from_week < 742)
      );
      CREATE INDEX resource_allocations_resource ON resource_allocations (resource_id, from_week);
      CREATE INDEX resource_allocations_tenant ON resource_allocations (tenant_id);
      CREATE INDEX resource_allocations_project_tenant ON resource_allocations (project_tenant_id);
      CREATE INDEX resource_allocations_project ON resource_allocations (project_id);
      -- The projects a home lends to, read by the policies below on every statement.
      CREATE INDEX resource_allocations_borrowed ON resource_allocations (tenant_id, project_id, project_tenant_id) WHERE borrowed;

      -- The organizations the caller is an active member of (their visible tenants' organizations).
      CREATE FUNCTION pmo_resource_orgs() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT t.org_id), '{}') FROM tenants t WHERE t.id = ANY (pmo_visible())
      $f$;
      -- The projects, and their tenants, that borrow resources homed in the caller's tenants.
      CREATE FUNCTION pmo_resource_lent_projects() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT a.project_id), '{}') FROM resource_allocations a WHERE a.borrowed AND a.state <> 'REJECTED' AND a.tenant_id = ANY (pmo_visible())
      $f$;
      CREATE FUNCTION pmo_resource_lent_tenants() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT a.project_tenant_id), '{}') FROM resource_allocations a WHERE a.borrowed AND a.state <> 'REJECTED' AND a.tenant_id = ANY (pmo_visible())
      $f$;
      -- A resource's home, by identity only, for any member of its organization: the pool is
      -- shared, its homes' names with it; the tenants themselves stay invisible.
      CREATE FUNCTION pmo_resource_homes(p_tenants uuid[]) RETURNS TABLE (id uuid, name text, kind text, depth int, parent_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT t.id, t.name, t.kind, t.depth, t.parent_id FROM tenants t
         WHERE t.id = ANY (p_tenants) AND t.org_id = ANY (pmo_resource_orgs()) AND EXISTS (SELECT 1 FROM resources r WHERE r.tenant_id = t.id)
      $f$;
      -- Locks a resource the caller may read (any member of its organization may allocate
      -- it) for the rest of the transaction: allocations of one resource take turns. The
      -- runtime roles may not lock a row they may not update, hence a definer function.
      CREATE FUNCTION pmo_lock_resource(p_resource uuid)
        RETURNS TABLE (id uuid, tenant_id uuid, org_id uuid, weekly_capacity_hours numeric, path uuid[])
        LANGUAGE sql SECURITY DEFINER AS $f$
        SELECT r.id, r.tenant_id, r.org_id, r.weekly_capacity_hours, t.path
          FROM resources r JOIN tenants t ON t.id = r.tenant_id
         WHERE r.id = p_resource AND r.org_id = ANY (pmo_resource_orgs())
           FOR UPDATE OF r
      $f$;

      -- A resource's approved HARD hours per week over a range (an allocation left out, the
      -- one being decided): the capacity check counts allocations to projects the caller
      -- cannot see. Hours only, for a resource of the caller's organization.
      CREATE FUNCTION pmo_resource_hard_weeks(p_resource uuid, p_from date, p_to date, p_except uuid)
        RETURNS TABLE (week_start date, hard_hours numeric) LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT w.day, coalesce(sum(a.hours_per_week), 0)
          FROM resources r
          CROSS JOIN LATERAL (SELECT p_from + 7 * g AS day FROM generate_series(0, (p_to - p_from) / 7) g) w
          LEFT JOIN resource_allocations a ON a.resource_id = r.id AND a.kind = 'HARD' AND a.state = 'APPROVED'
                AND a.id IS DISTINCT FROM p_except AND w.day BETWEEN a.from_week AND a.to_week
         WHERE r.id = p_resource AND r.org_id = ANY (pmo_resource_orgs())
         GROUP BY w.day
      $f$;
      -- The ids of a tenant's subtree, for a member of its organization: the pool is listed
      -- by subtree from any branch (the hub's whole pool), though the branches stay unseen.
      CREATE FUNCTION pmo_resource_subtree(p_tenant uuid) RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(t.id), '{}') FROM tenants t WHERE t.path @> ARRAY[p_tenant] AND t.org_id = ANY (pmo_resource_orgs())
      $f$;

      -- A moved project takes its allocations along (and may stop or start borrowing).
      CREATE FUNCTION pmo_project_allocations_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        UPDATE resource_allocations a
           SET project_tenant_id = NEW.tenant_id,
               borrowed = NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = NEW.tenant_id AND a.tenant_id = ANY (t.path))
         WHERE a.project_id = NEW.id;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER projects_allocations_moved AFTER UPDATE OF tenant_id ON projects
        FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) EXECUTE FUNCTION pmo_project_allocations_moved();

      ALTER TABLE resources ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY resources_tenant ON resources USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]))
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) AND org_id = (SELECT t.org_id FROM tenants t WHERE t.id = tenant_id));
      CREATE POLICY resources_organization_read ON resources FOR SELECT USING (org_id = ANY ((SELECT pmo_resource_orgs())::uuid[]));

      ALTER TABLE resource_allocations ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY resource_allocations_home_read ON resource_allocations FOR SELECT USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY resource_allocations_project_read ON resource_allocations FOR SELECT
        USING (project_tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      -- Every id the row names must agree with the rows it names: the project is of the
      -- project tenant, the resource of the home and organization, borrowing is exactly
      -- "the project is outside the home's subtree", and only a home allocation starts APPROVED.
      CREATE POLICY resource_allocations_project_insert ON resource_allocations FOR INSERT
        WITH CHECK (project_tenant_id = ANY ((SELECT pmo_visible())::uuid[]) AND org_id = ANY ((SELECT pmo_resource_orgs())::uuid[])
          AND EXISTS (SELECT 1 FROM projects p WHERE p.id = project_id AND p.tenant_id = project_tenant_id)
          AND EXISTS (SELECT 1 FROM resources r WHERE r.id = resource_id AND r.tenant_id = resource_allocations.tenant_id AND r.org_id = resource_allocations.org_id)
          AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = project_tenant_id AND borrowed = NOT (resource_allocations.tenant_id = ANY (t.path)))
          AND state = CASE WHEN borrowed THEN 'REQUESTED' ELSE 'APPROVED' END AND decided_by IS NULL);
      CREATE POLICY resource_allocations_home_update ON resource_allocations FOR UPDATE USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      CREATE POLICY projects_resource_lenders ON projects FOR SELECT USING (id = ANY ((SELECT pmo_resource_lent_projects())::uuid[]));
      CREATE POLICY tenants_resource_lenders ON tenants FOR SELECT USING (id = ANY ((SELECT pmo_resource_lent_tenants())::uuid[]));

      REVOKE EXECUTE ON FUNCTION pmo_resource_orgs(), pmo_resource_lent_projects(), pmo_resource_lent_tenants(), pmo_resource_homes(uuid[]),
        pmo_lock_resource(uuid), pmo_resource_hard_weeks(uuid, date, date, uuid), pmo_resource_subtree(uuid), pmo_project_allocations_moved() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_resource_orgs(), pmo_resource_lent_projects(), pmo_resource_lent_tenants(), pmo_resource_homes(uuid[]),
        pmo_lock_resource(uuid), pmo_resource_hard_weeks(uuid, date, date, uuid), pmo_resource_subtree(uuid) TO pmo_app_rw;

      GRANT SELECT, INSERT ON resources TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (state, decided_by, decided_at) ON resource_allocations TO pmo_app_rw;

      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP POLICY tenants_resource_lenders ON tenants;
      DROP POLICY projects_resource_lenders ON projects;
      DROP TRIGGER projects_allocations_moved ON projects;
      DROP FUNCTION pmo_project_allocations_moved, pmo_resource_subtree, pmo_resource_hard_weeks, pmo_lock_resource, pmo_resource_homes, pmo_resource_lent_tenants, pmo_resource_lent_projects,
        pmo_resource_orgs;
      DROP TABLE resource_allocations, resources;
    `);
  }
}

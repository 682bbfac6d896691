// What a project carries beyond its identity: the program it belongs to, its manager, the
// methodology version it follows (its phases and gates copied at creation), milestones,
// and one status report per period with every replaced text kept in a history table.
// Child rows copy the project's tenant so RLS filters them through one index; a trigger
// keeps them in step when a project moves.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgramsPhasesMilestonesReports1764310000000 implements MigrationInterface {
  name = 'ProgramsPhasesMilestonesReports1764310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX programs_tenant_name ON programs (tenant_id, lower(name));

      ALTER TABLE projects
        ADD COLUMN program_id uuid REFERENCES programs(id),
        ADD COLUMN manager_id uuid REFERENCES users(id),
        ADD COLUMN methodology_id uuid,
        ADD COLUMN methodology_version int,
        ADD COLUMN current_phase text,
        ADD CHECK ((methodology_id IS NULL) = (methodology_version IS NULL));
      CREATE INDEX projects_tenant ON projects (tenant_id);
      CREATE INDEX projects_program ON projects (program_id);
      -- Keyset pagination: each sort reads its index in order from the cursor on.
      CREATE INDEX projects_code_id ON projects (code, id);
      CREATE INDEX projects_name_id ON projects (name, id);
      CREATE INDEX projects_created_id ON projects (created_at, id);

      CREATE TABLE project_phases (
        project_id uuid NOT NULL REFERENCES projects(id),
        position int NOT NULL CHECK (position >= 0),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        name text NOT NULL,
        gate_name text,
        gate_deliverables jsonb NOT NULL DEFAULT '[]',
        gate_approver_role text,
        PRIMARY KEY (project_id, position)
      );
      CREATE INDEX project_phases_tenant ON project_phases (tenant_id);

      CREATE TABLE milestones (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        phase text,
        due_date date NOT NULL,
        completed_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX milestones_project ON milestones (project_id, due_date);
      CREATE INDEX milestones_tenant ON milestones (tenant_id);

      CREATE TABLE status_reports (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        overall text NOT NULL CHECK (overall IN ('GREEN', 'AMBER', 'RED')),
        schedule text CHECK (schedule IN ('GREEN', 'AMBER', 'RED')),
        cost text CHECK (cost IN ('GREEN', 'AMBER', 'RED')),
        scope text CHECK (scope IN ('GREEN', 'AMBER', 'RED')),
        summary text NOT NULL,
        next_steps text,
        submitted_by uuid,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, period)
      );
      -- The latest report of each project: the greatest period.
      CREATE INDEX status_reports_latest ON status_reports (project_id, period DESC);
      CREATE INDEX status_reports_tenant ON status_reports (tenant_id);

      CREATE TABLE status_report_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id uuid NOT NULL,
        project_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        period text NOT NULL,
        overall text NOT NULL,
        schedule text,
        cost text,
        scope text,
        summary text NOT NULL,
        next_steps text,
        submitted_by uuid,
        submitted_at timestamptz NOT NULL,
        superseded_at timestamptz NOT NULL DEFAULT now(),
        superseded_by uuid
      );
      CREATE INDEX status_report_history_report ON status_report_history (report_id, id DESC);
      CREATE INDEX status_report_history_tenant ON status_report_history (tenant_id);

      -- A moved project takes its whole record along, histories included, so the new
      -- tenant's readers see all of it and the old tenant's none of it. The histories are
      -- append-only for the app role, so this runs as the owner, for this project only.
      CREATE FUNCTION pmo_project_children_moved() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
      BEGIN
        UPDATE project_phases SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE milestones SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE status_reports SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE status_report_history SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE kpi_value_history SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER projects_children_moved AFTER UPDATE OF tenant_id ON projects
        FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) EXECUTE FUNCTION pmo_project_children_moved();

      -- Whether a user holds a membership on the tenant or one of its ancestors. The
      -- caller may see neither the ancestor nor its memberships, so this runs as the
      -- owner; it answers only for a tenant the caller can see, and only yes or no.
      CREATE FUNCTION pmo_member_covers(p_user uuid, p_tenant uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
        SELECT p_tenant = ANY (coalesce(nullif(current_setting('app.tenant_ids', true), ''), '{}')::uuid[])
           AND EXISTS (SELECT 1 FROM memberships m JOIN tenants t ON t.id = p_tenant
                        WHERE m.user_id = p_user AND m.tenant_id = ANY (t.path))
      $f$;
      REVOKE EXECUTE ON FUNCTION pmo_member_covers(uuid, uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_member_covers(uuid, uuid) TO pmo_app_rw;

      ALTER TABLE programs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY programs_tenant ON programs USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE project_phases ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY project_phases_tenant ON project_phases USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE milestones ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY milestones_tenant ON milestones USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE status_reports ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY status_reports_tenant ON status_reports USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE status_report_history ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY status_report_history_tenant ON status_report_history USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      GRANT SELECT, INSERT, UPDATE ON programs, project_phases, milestones, status_reports TO pmo_app_rw;
      GRANT SELECT, INSERT ON status_report_history TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_member_covers;
      DROP TRIGGER projects_children_moved ON projects;
      DROP FUNCTION pmo_project_children_moved;
      DROP TABLE status_report_history, status_reports, milestones, project_phases;
      DROP INDEX projects_tenant, projects_program, projects_code_id, projects_name_id, projects_created_id;
      ALTER TABLE projects DROP COLUMN program_id, DROP COLUMN manager_id, DROP COLUMN methodology_id,
        DROP COLUMN methodology_version, DROP COLUMN current_phase;
      DROP TABLE programs;
    `);
  }
}

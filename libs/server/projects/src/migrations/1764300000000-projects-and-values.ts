// Projects and the KPI values they report. A value row is the current value of one
// project, KPI and period; every replaced or deleted value is kept in kpi_value_history.
// kpi_values.tenant_id copies the project's tenant (kept in step by a trigger) so the
// rollup reads a node's own values through one index.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectsAndValues1764300000000 implements MigrationInterface {
  name = 'ProjectsAndValues1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 50),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        state text NOT NULL DEFAULT 'ACTIVE'
          CHECK (state IN ('PROPOSED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED')),
        start_date date,
        end_date date,
        planned_budget numeric,
        actual_cost numeric,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      );
      CREATE UNIQUE INDEX projects_tenant_code ON projects (tenant_id, lower(code));

      CREATE TABLE kpi_values (
        project_id uuid NOT NULL REFERENCES projects(id),
        kpi_id uuid NOT NULL REFERENCES kpi_definitions(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        value numeric NOT NULL,
        weight numeric CHECK (weight IS NULL OR weight > 0),
        recorded_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, kpi_id, period)
      );
      -- The rollup's read of one node's own values: an index-only scan.
      CREATE INDEX kpi_values_node ON kpi_values (tenant_id, kpi_id, period) INCLUDE (value, weight);

      CREATE TABLE kpi_value_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL,
        kpi_id uuid NOT NULL,
        period text NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        value numeric NOT NULL,
        weight numeric,
        recorded_by uuid,
        recorded_at timestamptz NOT NULL,
        superseded_at timestamptz NOT NULL DEFAULT now(),
        superseded_by uuid,
        action text NOT NULL CHECK (action IN ('REPLACED', 'DELETED'))
      );
      CREATE INDEX kpi_value_history_project ON kpi_value_history (project_id, kpi_id, period, id DESC);
      CREATE INDEX kpi_value_history_tenant ON kpi_value_history (tenant_id);

      -- A project that moves takes its values along.
      CREATE FUNCTION pmo_project_moved() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        UPDATE kpi_values SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER projects_moved AFTER UPDATE OF tenant_id ON projects
        FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) EXECUTE FUNCTION pmo_project_moved();

      ALTER TABLE projects ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY projects_tenant ON projects USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE kpi_values ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY kpi_values_tenant ON kpi_values USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE kpi_value_history ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY kpi_value_history_tenant ON kpi_value_history USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      GRANT SELECT, INSERT, UPDATE ON projects TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE, DELETE ON kpi_values TO pmo_app_rw;
      GRANT SELECT, INSERT ON kpi_value_history TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER projects_moved ON projects;
      DROP FUNCTION pmo_project_moved;
      DROP TABLE kpi_value_history, kpi_values, projects;
    `);
  }
}

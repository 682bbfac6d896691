// KPI definitions: the standard every value is reported against. `id` is stable across
// versions; each published version's snapshot stays readable in kpi_definition_versions.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class KpiDefinitions1764200000000 implements MigrationInterface {
  name = 'KpiDefinitions1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE kpi_definitions (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id), -- the owner: in force for its subtree
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        unit text,
        aggregation text NOT NULL CHECK (aggregation IN ('SUM', 'AVG', 'WEIGHTED_AVG', 'MIN', 'MAX')),
        direction text NOT NULL CHECK (direction IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
        green_threshold double precision,
        amber_threshold double precision,
        mandatory boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, key)
      );
      CREATE INDEX kpi_definitions_tenant ON kpi_definitions (tenant_id);

      CREATE TABLE kpi_definition_versions (
        kpi_id uuid NOT NULL REFERENCES kpi_definitions(id),
        version int NOT NULL,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kpi_id, version)
      );
      CREATE INDEX kpi_definition_versions_tenant ON kpi_definition_versions (tenant_id);

      ALTER TABLE kpi_definitions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      -- Ancestors' standards are readable once published; drafts stay with their owner.
      CREATE POLICY kpi_definitions_read ON kpi_definitions FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[])
           OR (status <> 'DRAFT' AND tenant_id = ANY ((SELECT pmo_ancestors())::uuid[])));
      CREATE POLICY kpi_definitions_write ON kpi_definitions FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY kpi_definitions_update ON kpi_definitions FOR UPDATE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE kpi_definition_versions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY kpi_definition_versions_read ON kpi_definition_versions FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) OR tenant_id = ANY ((SELECT pmo_ancestors())::uuid[]));
      CREATE POLICY kpi_definition_versions_write ON kpi_definition_versions FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      GRANT SELECT, INSERT, UPDATE ON kpi_definitions TO pmo_app_rw;
      GRANT SELECT, INSERT ON kpi_definition_versions TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE kpi_definition_versions, kpi_definitions');
  }
}

// Methodologies (current state in `methodologies`, every published version in
// `methodology_versions`, which the projects library reads directly: keep its shape),
// document templates and the glossary. Like KPI definitions, an owner's standards are
// readable by its descendants once published; drafts stay inside the owner's subtree.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MethodologiesTemplatesGlossary1764210000000 implements MigrationInterface {
  name = 'MethodologiesTemplatesGlossary1764210000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE methodologies (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        definition jsonb NOT NULL, -- the snapshot shape of methodology_versions
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX methodologies_tenant ON methodologies (tenant_id);

      -- Published versions only: {"phases":[{"name","gate":{"name","deliverables","approverRole"}}],
      -- "milestones":[{"name","phase","offsetDays"}],"cadence":{"frequency","dueDay"}}.
      CREATE TABLE methodology_versions (
        methodology_id uuid NOT NULL REFERENCES methodologies(id),
        version int NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        name text NOT NULL,
        snapshot jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (methodology_id, version)
      );
      CREATE INDEX methodology_versions_tenant ON methodology_versions (tenant_id);

      CREATE TABLE document_templates (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('CHARTER', 'PLAN', 'STATUS_REPORT', 'RISK_REGISTER', 'CLOSURE_REPORT', 'LESSONS_LEARNED')),
        body text NOT NULL CHECK (octet_length(body) <= 102400),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_templates_tenant ON document_templates (tenant_id);

      CREATE TABLE glossary_terms (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        term text NOT NULL CHECK (length(term) BETWEEN 1 AND 200),
        definition text NOT NULL CHECK (length(definition) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX glossary_terms_term ON glossary_terms (tenant_id, lower(term));

      ALTER TABLE methodologies ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY methodologies_read ON methodologies FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[])
           OR (status <> 'DRAFT' AND tenant_id = ANY ((SELECT pmo_ancestors())::uuid[])));
      CREATE POLICY methodologies_insert ON methodologies FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY methodologies_update ON methodologies FOR UPDATE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE methodology_versions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY methodology_versions_read ON methodology_versions FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) OR tenant_id = ANY ((SELECT pmo_ancestors())::uuid[]));
      CREATE POLICY methodology_versions_insert ON methodology_versions FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE document_templates ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY document_templates_read ON document_templates FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[])
           OR (status <> 'DRAFT' AND tenant_id = ANY ((SELECT pmo_ancestors())::uuid[])));
      CREATE POLICY document_templates_insert ON document_templates FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY document_templates_update ON document_templates FOR UPDATE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      -- Terms take effect when written: descendants read them at once.
      ALTER TABLE glossary_terms ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY glossary_terms_read ON glossary_terms FOR SELECT
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) OR tenant_id = ANY ((SELECT pmo_ancestors())::uuid[]));
      CREATE POLICY glossary_terms_insert ON glossary_terms FOR INSERT
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY glossary_terms_update ON glossary_terms FOR UPDATE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY glossary_terms_delete ON glossary_terms FOR DELETE
        USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      GRANT SELECT, INSERT, UPDATE ON methodologies, document_templates TO pmo_app_rw;
      GRANT SELECT, INSERT ON methodology_versions TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE, DELETE ON glossary_terms TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE glossary_terms, document_templates, methodology_versions, methodologies');
  }
}

// Lessons learned: what a project's people learned, written on the project, submitted,
// published by a PMO, retired when it no longer holds.
//
// - lessons: the lesson with a stored, weighted tsvector (title A, recommendation B, what
//   happened C, impact D) kept by a trigger in the organization's text search
//   configuration, copied onto the row when it is written (search_config) so that a new
//   setting re-indexes by rewriting that column. A trigger rather than a generated column:
//   to_tsvector needs a regconfig, which the entities cannot declare and a text column
//   cannot become in a generated expression (the cast is not immutable). Tags are exact
//   facets in a text[] with their own GIN index, outside the document.
// - lesson_search_settings: an organization's configuration (english when absent).
// - project_no_lessons: a manager's statement that a project has no lesson to record, one
//   of the two ways a project may be COMPLETED (the other: a submitted lesson).
//
// Reading, by explicit policies (the caller's tenant set is never widened): a published or
// retired lesson by whoever sees its tenant; a published ORGANIZATION lesson by every
// active member of its organization; a draft or submitted one by its author and the
// PMO_LEADs and ORG_ADMINs of its tenant or an ancestor.
import { MigrationInterface, QueryRunner } from 'typeorm';

const VISIBLE = '((SELECT pmo_visible())::uuid[])';

export class Lessons1764800000000 implements MigrationInterface {
  name = 'Lessons1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lesson_search_settings (
        org_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        search_config text NOT NULL CHECK (length(search_config) BETWEEN 1 AND 63),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX lesson_search_settings_tenant ON lesson_search_settings (tenant_id);

      CREATE TABLE lessons (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        author_id uuid NOT NULL REFERENCES users(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        what_happened text NOT NULL CHECK (length(what_happened) BETWEEN 1 AND 10000),
        impact text CHECK (length(impact) BETWEEN 1 AND 4000),
        recommendation text NOT NULL CHECK (length(recommendation) BETWEEN 1 AND 4000),
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        phase text CHECK (length(phase) BETWEEN 1 AND 200),
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETIRED')),
        visibility text NOT NULL DEFAULT 'BRANCH' CHECK (visibility IN ('BRANCH', 'ORGANIZATION')),
        search_config text NOT NULL DEFAULT 'english',
        search tsvector NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        published_at timestamptz,
        published_by uuid REFERENCES users(id),
        retired_at timestamptz
      );
      CREATE INDEX lessons_tenant ON lessons (tenant_id);
      CREATE INDEX lessons_project ON lessons (project_id);
      CREATE INDEX lessons_org ON lessons (org_id);
      CREATE INDEX lessons_search ON lessons USING gin (search);
      CREATE INDEX lessons_tags ON lessons USING gin (tags);

      CREATE TABLE project_no_lessons (
        project_id uuid PRIMARY KEY REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        declared_by uuid NOT NULL REFERENCES users(id),
        declared_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX project_no_lessons_tenant ON project_no_lessons (tenant_id);

      -- The document, in the organization's configuration when the row is written, and
      -- again whenever its text or its configuration changes.
      CREATE FUNCTION pmo_lesson_document() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE cfg regconfig;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.search_config := coalesce((SELECT s.search_config FROM lesson_search_settings s WHERE s.org_id = NEW.org_id), 'english');
        END IF;
        cfg := NEW.search_config::regconfig;
        NEW.search := setweight(to_tsvector(cfg, NEW.title), 'A')
                   || setweight(to_tsvector(cfg, NEW.recommendation), 'B')
                   || setweight(to_tsvector(cfg, NEW.what_happened), 'C')
                   || setweight(to_tsvector(cfg, coalesce(NEW.impact, '')), 'D');
        RETURN NEW;
      END $f$;
      CREATE TRIGGER lessons_document BEFORE INSERT OR UPDATE OF search_config, title, recommendation, what_happened, impact ON lessons
        FOR EACH ROW EXECUTE FUNCTION pmo_lesson_document();

      -- A moved project takes its statement along (its lessons keep the tenant they were written in).
      CREATE FUNCTION pmo_project_lessons_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        UPDATE project_no_lessons SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER projects_lessons_moved AFTER UPDATE OF tenant_id ON projects
        FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) EXECUTE FUNCTION pmo_project_lessons_moved();

      -- The organizations the caller is an active member of, whatever their spoke.
      CREATE FUNCTION pmo_member_orgs() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT m.org_id), '{}') FROM memberships m WHERE m.user_id = pmo_user() AND m.status = 'ACTIVE'
      $f$;
      -- The tenants where the caller is a PMO_LEAD or ORG_ADMIN (of the tenant or an ancestor): they see its unpublished lessons.
      CREATE FUNCTION pmo_lesson_curated() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT t.id), '{}')
          FROM memberships m JOIN tenants t ON t.path @> ARRAY[m.tenant_id]
         WHERE m.user_id = pmo_user() AND m.status = 'ACTIVE' AND m.role IN ('PMO_LEAD', 'ORG_ADMIN')
      $f$;
      -- Whether a project the caller sees may be COMPLETED: a lesson submitted (or later) or a
      -- statement that there is none. The submitted lesson may be one the caller cannot read.
      CREATE FUNCTION pmo_project_closable(p_project uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT EXISTS (SELECT 1 FROM projects p WHERE p.id = p_project AND p.tenant_id = ANY (pmo_visible()))
           AND (EXISTS (SELECT 1 FROM lessons l WHERE l.project_id = p_project AND l.state <> 'DRAFT')
                OR EXISTS (SELECT 1 FROM project_no_lessons n WHERE n.project_id = p_project))
      $f$;
      -- The identity of lessons' tenants: those the caller sees, and those of its organizations
      -- holding a published ORGANIZATION lesson (a lesson names where it comes from).
      CREATE FUNCTION pmo_lesson_tenants(p_tenants uuid[]) RETURNS TABLE (id uuid, name text, kind text, depth int, parent_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT t.id, t.name, t.kind, t.depth, t.parent_id FROM tenants t
         WHERE t.id = ANY (p_tenants)
           AND (t.id = ANY (pmo_visible()) OR t.id = ANY (pmo_ancestors())
                OR (t.org_id = ANY (pmo_member_orgs())
                    AND EXISTS (SELECT 1 FROM lessons l WHERE l.tenant_id = t.id AND l.state = 'PUBLISHED' AND l.visibility = 'ORGANIZATION')))
      $f$;

      -- Row-level security applies its policies before any condition whose operator is not
      -- LEAKPROOF, so a search under RLS could not use the GIN index and would read every
      -- lesson of the organization. tsvector @@ tsquery answers true or false and raises
      -- nothing that depends on the values: it reveals nothing but its answer. Only a
      -- superuser may say so; a managed server's owner role is not one, and search there
      -- still answers the same, reading the organization's lessons instead of the index.
      DO $leakproof$ BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
        END IF;
      END $leakproof$;

      ALTER TABLE lesson_search_settings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY lesson_search_settings_members ON lesson_search_settings FOR SELECT USING (org_id = ANY ((SELECT pmo_member_orgs())::uuid[]));
      CREATE POLICY lesson_search_settings_insert ON lesson_search_settings FOR INSERT WITH CHECK (tenant_id = ANY ${VISIBLE} AND tenant_id = org_id);
      CREATE POLICY lesson_search_settings_update ON lesson_search_settings FOR UPDATE USING (tenant_id = ANY ${VISIBLE});

      ALTER TABLE lessons ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY lessons_branch ON lessons FOR SELECT USING (state IN ('PUBLISHED', 'RETIRED') AND tenant_id = ANY ${VISIBLE});
      CREATE POLICY lessons_organization ON lessons FOR SELECT
        USING (state = 'PUBLISHED' AND visibility = 'ORGANIZATION' AND org_id = ANY ((SELECT pmo_member_orgs())::uuid[]));
      CREATE POLICY lessons_unpublished ON lessons FOR SELECT
        USING (state IN ('DRAFT', 'SUBMITTED')
               AND ((author_id = (SELECT pmo_user()) AND tenant_id = ANY ${VISIBLE}) OR tenant_id = ANY ((SELECT pmo_lesson_curated())::uuid[])));
      -- A new lesson is a draft of a project of its own tenant and organization.
      CREATE POLICY lessons_insert ON lessons FOR INSERT WITH CHECK (tenant_id = ANY ${VISIBLE} AND author_id = (SELECT pmo_user()) AND state = 'DRAFT'
        AND EXISTS (SELECT 1 FROM projects p WHERE p.id = project_id AND p.tenant_id = lessons.tenant_id AND p.org_id = lessons.org_id));
      CREATE POLICY lessons_update ON lessons FOR UPDATE USING (tenant_id = ANY ${VISIBLE});

      ALTER TABLE project_no_lessons ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY project_no_lessons_tenant ON project_no_lessons USING (tenant_id = ANY ${VISIBLE})
        WITH CHECK (tenant_id = ANY ${VISIBLE} AND EXISTS (SELECT 1 FROM projects p WHERE p.id = project_id AND p.tenant_id = project_no_lessons.tenant_id));

      REVOKE EXECUTE ON FUNCTION pmo_member_orgs(), pmo_lesson_curated(), pmo_project_closable(uuid), pmo_lesson_tenants(uuid[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_member_orgs(), pmo_lesson_curated(), pmo_project_closable(uuid), pmo_lesson_tenants(uuid[]) TO pmo_app_rw;
      REVOKE EXECUTE ON FUNCTION pmo_project_lessons_moved() FROM PUBLIC;

      GRANT SELECT, INSERT, UPDATE (search_config, updated_at) ON lesson_search_settings TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (state, submitted_at, published_at, published_by, retired_at, search_config) ON lessons TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (reason, declared_by, declared_at) ON project_no_lessons TO pmo_app_rw;

      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $leakproof$ BEGIN
        IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          ALTER FUNCTION ts_match_vq(tsvector, tsquery) NOT LEAKPROOF;
        END IF;
      END $leakproof$;
      DROP TRIGGER projects_lessons_moved ON projects;
      DROP TABLE project_no_lessons, lessons, lesson_search_settings;
      DROP FUNCTION pmo_lesson_tenants, pmo_project_closable, pmo_lesson_curated, pmo_member_orgs, pmo_project_lessons_moved, pmo_lesson_document;
    `);
  }
}

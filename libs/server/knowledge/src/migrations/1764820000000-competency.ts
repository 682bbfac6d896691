// Project manager competency: certifications, training records, mentorships with their
// check-ins, and competency rules (a tenant's minimum manager level per project tier).
//
// Records live at the tenant a PMO recorded them in and are read through it, like every
// tenant row. A person's level counts every valid certification of the organization (a
// hub's certification qualifies a spoke's manager), so it is answered by a definer
// function that returns levels only, for an organization the caller belongs to. Rules
// are read down the tree like published standards: a spoke sees its ancestors' rules,
// which it may only raise.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Competency1764820000000 implements MigrationInterface {
  name = 'Competency1764820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE certifications (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        level int NOT NULL CHECK (level BETWEEN 1 AND 5),
        issued_on date NOT NULL,
        expires_on date,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        -- When the daily job announced its expiry: once per certification.
        expiry_flagged_at timestamptz,
        CHECK (expires_on IS NULL OR expires_on >= issued_on)
      );
      CREATE INDEX certifications_tenant ON certifications (tenant_id);
      CREATE INDEX certifications_user ON certifications (user_id);
      CREATE INDEX certifications_expiring ON certifications (expires_on) WHERE expiry_flagged_at IS NULL AND expires_on IS NOT NULL;

      CREATE TABLE training_records (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        course text NOT NULL CHECK (length(course) BETWEEN 1 AND 200),
        completed_on date NOT NULL,
        hours double precision NOT NULL CHECK (hours > 0 AND hours <= 168),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX training_records_tenant ON training_records (tenant_id);
      CREATE INDEX training_records_user ON training_records (user_id);

      CREATE TABLE mentorships (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        mentor_id uuid NOT NULL REFERENCES users(id),
        mentee_id uuid NOT NULL REFERENCES users(id),
        goals text NOT NULL CHECK (length(goals) BETWEEN 1 AND 4000),
        started_on date NOT NULL,
        ended_on date,
        started_by uuid NOT NULL REFERENCES users(id),
        CHECK (mentor_id <> mentee_id),
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      );
      CREATE INDEX mentorships_tenant ON mentorships (tenant_id);
      CREATE INDEX mentorships_mentor ON mentorships (mentor_id);
      CREATE INDEX mentorships_mentee ON mentorships (mentee_id);
      -- One open mentorship per pair.
      CREATE UNIQUE INDEX mentorships_open_pair ON mentorships (mentor_id, mentee_id) WHERE ended_on IS NULL;

      CREATE TABLE mentoring_check_ins (
        id uuid PRIMARY KEY,
        mentorship_id uuid NOT NULL REFERENCES mentorships(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        notes text NOT NULL CHECK (length(notes) BETWEEN 1 AND 4000),
        logged_by uuid NOT NULL REFERENCES users(id)
      );
      CREATE INDEX mentoring_check_ins_mentorship ON mentoring_check_ins (mentorship_id, at);
      CREATE INDEX mentoring_check_ins_tenant ON mentoring_check_ins (tenant_id);

      CREATE TABLE competency_rules (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        tier int NOT NULL CHECK (tier BETWEEN 1 AND 3),
        org_id uuid NOT NULL,
        min_manager_level int NOT NULL CHECK (min_manager_level BETWEEN 0 AND 5),
        set_by uuid NOT NULL REFERENCES users(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, tier)
      );

      -- The level (0 to 5) of each named user who has one above 0: their highest valid
      -- certification anywhere in the organization, today (UTC). Only for an organization
      -- the caller sees a tenant of, and only the number.
      CREATE FUNCTION pmo_competency_levels(p_users uuid[], p_org uuid) RETURNS TABLE (user_id uuid, level int)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT c.user_id, max(c.level)::int FROM certifications c
         WHERE c.user_id = ANY (p_users) AND c.org_id = p_org
           AND c.issued_on <= (now() AT TIME ZONE 'UTC')::date
           AND (c.expires_on IS NULL OR c.expires_on >= (now() AT TIME ZONE 'UTC')::date)
           AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = ANY (pmo_visible()) AND t.org_id = p_org)
         GROUP BY c.user_id
      $f$;
      REVOKE EXECUTE ON FUNCTION pmo_competency_levels(uuid[], uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_competency_levels(uuid[], uuid) TO pmo_app_rw;

      ALTER TABLE certifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      -- A certification counts across its organization (a level): it must be of its tenant's.
      CREATE POLICY certifications_tenant ON certifications USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]))
        WITH CHECK (tenant_id = ANY ((SELECT pmo_visible())::uuid[]) AND org_id = (SELECT t.org_id FROM tenants t WHERE t.id = tenant_id));
      ALTER TABLE training_records ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY training_records_tenant ON training_records USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE mentorships ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY mentorships_tenant ON mentorships USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE mentoring_check_ins ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY mentoring_check_ins_tenant ON mentoring_check_ins USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      -- Changed where the caller's subtree is; read there and from below, like a standard.
      ALTER TABLE competency_rules ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY competency_rules_tenant ON competency_rules USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY competency_rules_inherited ON competency_rules FOR SELECT USING (tenant_id = ANY ((SELECT pmo_ancestors())::uuid[]));

      GRANT SELECT, INSERT ON certifications, training_records, mentoring_check_ins TO pmo_app_rw;
      -- Only the worker's daily job marks an expiry as announced.
      GRANT UPDATE (expiry_flagged_at) ON certifications TO pmo_worker_rw;
      GRANT SELECT, INSERT, UPDATE (ended_on) ON mentorships TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (min_manager_level, set_by, set_at) ON competency_rules TO pmo_app_rw;

      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_competency_levels;
      DROP TABLE competency_rules, mentoring_check_ins, mentorships, training_records, certifications;
    `);
  }
}

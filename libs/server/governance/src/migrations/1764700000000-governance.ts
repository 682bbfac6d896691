// Governance: what a PMO decides and records about its projects, beside what time decides.
//
// - project_timeline: every state and phase a project has been in, and since when, written
//   by a trigger on projects (no write path can forget it) and backfilled from the audit
//   log. Reporting obligations end with the month a project was completed or cancelled,
//   and compliance reads the phase a project was in at the end of a period.
// - reporting_waivers: obligations a PMO waived, with a reason. Obligation states are
//   derived (cadence, life, submissions, waivers, an instant), never stored.
// - gate_reviews, gate_review_criteria, gate_review_votes: stage-gate reviews.
// - project_reviews, project_review_reviewers, review_findings: audits, health checks and
//   peer reviews; corrective_actions: what findings and gate conditions require.
// - portfolio_decisions: continue / hold / cancel / rescope with the evidence frozen when
//   recorded; append-only for the app role, like the audit log.
//
// Every row copies its project's tenant (RLS filters through one index); a trigger keeps
// them in step when a project moves. A review's team (its lead and reviewers) may sit in
// another branch of the organization (a peer review's point): while the review is open,
// explicit policies let the team read the project, its phases, milestones and status
// reports and its tenant's identity, and work on the review's findings and actions.
// Their tenant set is never widened.
import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES = `('ORG_ADMIN', 'PMO_LEAD', 'PROJECT_MANAGER', 'EXECUTIVE', 'VIEWER')`;
const STATES = `('PROPOSED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED')`;
const PERIOD = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;

export class Governance1764700000000 implements MigrationInterface {
  name = 'Governance1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE project_timeline (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ${STATES}),
        current_phase text,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX project_timeline_project ON project_timeline (project_id, at);
      CREATE INDEX project_timeline_tenant ON project_timeline (tenant_id);

      CREATE TABLE reporting_waivers (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        period text NOT NULL CHECK (period ~ ${PERIOD}),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        waived_by uuid REFERENCES users(id),
        waived_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX reporting_waivers_project_period ON reporting_waivers (project_id, period);
      CREATE INDEX reporting_waivers_tenant ON reporting_waivers (tenant_id);

      -- The gate's approver role and quorum are copied at submission: a review is decided
      -- by the rule it was submitted under.
      CREATE TABLE gate_reviews (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        phase_position int NOT NULL CHECK (phase_position >= 0),
        phase text NOT NULL,
        gate text NOT NULL,
        approver_role text NOT NULL CHECK (approver_role IN ${ROLES}),
        quorum int NOT NULL CHECK (quorum BETWEEN 1 AND 50),
        state text NOT NULL DEFAULT 'SUBMITTED'
          CHECK (state IN ('SUBMITTED', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'RECYCLED', 'REJECTED')),
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CHECK ((state = 'SUBMITTED') = (decided_at IS NULL))
      );
      -- One open review per gate.
      CREATE UNIQUE INDEX gate_reviews_open ON gate_reviews (project_id, phase_position) WHERE state = 'SUBMITTED';
      CREATE INDEX gate_reviews_project ON gate_reviews (project_id, submitted_at);
      CREATE INDEX gate_reviews_tenant ON gate_reviews (tenant_id);

      CREATE TABLE gate_review_criteria (
        review_id uuid NOT NULL REFERENCES gate_reviews(id),
        position int NOT NULL CHECK (position >= 0),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        criterion text NOT NULL CHECK (length(criterion) BETWEEN 1 AND 500),
        status text NOT NULL CHECK (status IN ('MET', 'UNMET', 'WAIVED')),
        evidence text CHECK (length(evidence) BETWEEN 1 AND 4000),
        comment text CHECK (length(comment) BETWEEN 1 AND 4000),
        CHECK (status <> 'MET' OR evidence IS NOT NULL),
        CHECK (status <> 'WAIVED' OR comment IS NOT NULL),
        PRIMARY KEY (review_id, position)
      );
      CREATE INDEX gate_review_criteria_tenant ON gate_review_criteria (tenant_id);

      -- A vote's conditions (APPROVE_WITH_CONDITIONS) become corrective actions when the
      -- review is decided with conditions.
      CREATE TABLE gate_review_votes (
        review_id uuid NOT NULL REFERENCES gate_reviews(id),
        voter_id uuid NOT NULL REFERENCES users(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('APPROVE', 'APPROVE_WITH_CONDITIONS', 'RECYCLE', 'REJECT')),
        comment text CHECK (length(comment) BETWEEN 1 AND 4000),
        conditions jsonb NOT NULL DEFAULT '[]',
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (review_id, voter_id)
      );
      CREATE INDEX gate_review_votes_tenant ON gate_review_votes (tenant_id);

      CREATE TABLE project_reviews (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('AUDIT', 'HEALTH_CHECK', 'PEER_REVIEW')),
        state text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'IN_PROGRESS', 'CLOSED')),
        lead_id uuid NOT NULL REFERENCES users(id),
        planned_for date NOT NULL,
        planned_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CHECK ((state = 'CLOSED') = (closed_at IS NOT NULL))
      );
      CREATE INDEX project_reviews_tenant ON project_reviews (tenant_id);
      CREATE INDEX project_reviews_project ON project_reviews (project_id);
      -- The team's open reviews, read on every statement of a user that touches projects.
      CREATE INDEX project_reviews_open_lead ON project_reviews (lead_id) WHERE state <> 'CLOSED';

      CREATE TABLE project_review_reviewers (
        review_id uuid NOT NULL REFERENCES project_reviews(id),
        user_id uuid NOT NULL REFERENCES users(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        PRIMARY KEY (review_id, user_id)
      );
      CREATE INDEX project_review_reviewers_user ON project_review_reviewers (user_id);
      CREATE INDEX project_review_reviewers_tenant ON project_review_reviewers (tenant_id);

      CREATE TABLE review_findings (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES project_reviews(id),
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        severity text NOT NULL CHECK (severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text CHECK (length(description) BETWEEN 1 AND 10000),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX review_findings_review ON review_findings (review_id, created_at);
      CREATE INDEX review_findings_project ON review_findings (project_id);
      CREATE INDEX review_findings_tenant ON review_findings (tenant_id);

      -- From a finding (of a review) or from a gate review's conditions: the same thing.
      CREATE TABLE corrective_actions (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        review_id uuid REFERENCES project_reviews(id),
        finding_id uuid REFERENCES review_findings(id),
        gate_review_id uuid REFERENCES gate_reviews(id),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        owner_id uuid REFERENCES users(id),
        due_date date NOT NULL,
        state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'DONE', 'VERIFIED')),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        done_by uuid REFERENCES users(id),
        verified_at timestamptz,
        verified_by uuid REFERENCES users(id),
        CHECK (num_nonnulls(finding_id, gate_review_id) = 1),
        CHECK ((finding_id IS NULL) = (review_id IS NULL)),
        CHECK ((state = 'OPEN') = (done_at IS NULL)),
        CHECK ((state = 'VERIFIED') = (verified_at IS NOT NULL))
      );
      CREATE INDEX corrective_actions_tenant ON corrective_actions (tenant_id, due_date);
      CREATE INDEX corrective_actions_project ON corrective_actions (project_id);
      CREATE INDEX corrective_actions_finding ON corrective_actions (finding_id);
      CREATE INDEX corrective_actions_gate_review ON corrective_actions (gate_review_id);

      CREATE TABLE portfolio_decisions (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CONTINUE', 'HOLD', 'CANCEL', 'RESCOPE')),
        rationale text NOT NULL CHECK (length(rationale) BETWEEN 1 AND 4000),
        decided_by uuid NOT NULL REFERENCES users(id),
        decided_at timestamptz NOT NULL DEFAULT now(),
        state_before text NOT NULL CHECK (state_before IN ${STATES}),
        state_after text NOT NULL CHECK (state_after IN ${STATES}),
        evidence jsonb NOT NULL
      );
      -- A subtree's decisions, newest first, page after page.
      CREATE INDEX portfolio_decisions_tenant ON portfolio_decisions (tenant_id, decided_at DESC, id DESC);
      CREATE INDEX portfolio_decisions_project ON portfolio_decisions (project_id, decided_at);

      -- A project's states and phases over time. As the owner (a trigger on any write path
      -- of projects; the app role may only read the timeline).
      CREATE FUNCTION pmo_project_timeline() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        IF TG_OP = 'INSERT' OR (NEW.state, NEW.current_phase) IS DISTINCT FROM (OLD.state, OLD.current_phase) THEN
          INSERT INTO project_timeline (project_id, tenant_id, org_id, state, current_phase, at)
          VALUES (NEW.id, NEW.tenant_id, NEW.org_id, NEW.state, NEW.current_phase, now());
        END IF;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER projects_timeline AFTER INSERT OR UPDATE OF state, current_phase ON projects
        FOR EACH ROW EXECUTE FUNCTION pmo_project_timeline();

      -- Backfill: the states and phases the audit log recorded, and for a project it never
      -- mentioned, its present state since its creation.
      INSERT INTO project_timeline (project_id, tenant_id, org_id, state, current_phase, at)
      SELECT p.id, p.tenant_id, p.org_id, a.after->>'state', a.after->>'currentPhase', a.at
        FROM audit_log a JOIN projects p ON p.id::text = a.entity_id
       WHERE a.entity = 'project' AND a.after->>'state' IN ${STATES}
       ORDER BY a.at, a.id;
      INSERT INTO project_timeline (project_id, tenant_id, org_id, state, current_phase, at)
      SELECT p.id, p.tenant_id, p.org_id, p.state, p.current_phase, p.created_at
        FROM projects p WHERE NOT EXISTS (SELECT 1 FROM project_timeline t WHERE t.project_id = p.id);

      -- A moved project takes its governance record along, like its other children. The
      -- decisions and votes are append-only for the app role, so this runs as the owner.
      CREATE FUNCTION pmo_project_governance_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        UPDATE project_timeline SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE reporting_waivers SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE gate_reviews SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE gate_review_criteria SET tenant_id = NEW.tenant_id WHERE review_id IN (SELECT id FROM gate_reviews WHERE project_id = NEW.id);
        UPDATE gate_review_votes SET tenant_id = NEW.tenant_id WHERE review_id IN (SELECT id FROM gate_reviews WHERE project_id = NEW.id);
        UPDATE project_reviews SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE project_review_reviewers SET tenant_id = NEW.tenant_id WHERE review_id IN (SELECT id FROM project_reviews WHERE project_id = NEW.id);
        UPDATE review_findings SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE corrective_actions SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        UPDATE portfolio_decisions SET tenant_id = NEW.tenant_id WHERE project_id = NEW.id;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER projects_governance_moved AFTER UPDATE OF tenant_id ON projects
        FOR EACH ROW WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id) EXECUTE FUNCTION pmo_project_governance_moved();

      -- The caller's review teams: the open reviews they lead or staff, their projects, and
      -- the tenants on those projects' paths. The reviews sit in tenants the caller may not
      -- see, hence definer functions; each answers only about the caller.
      CREATE FUNCTION pmo_review_team_reviews() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
          SELECT r.id FROM project_reviews r WHERE r.lead_id = pmo_user() AND r.state <> 'CLOSED'
          UNION ALL
          SELECT r.id FROM project_review_reviewers x JOIN project_reviews r ON r.id = x.review_id
           WHERE x.user_id = pmo_user() AND r.state <> 'CLOSED'
        ) team
      $f$;
      CREATE FUNCTION pmo_review_team_projects() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT r.project_id), '{}') FROM project_reviews r WHERE r.id = ANY (pmo_review_team_reviews())
      $f$;
      CREATE FUNCTION pmo_review_team_tenants() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT a), '{}')
          FROM project_reviews r JOIN tenants t ON t.id = r.tenant_id, unnest(t.path) a
         WHERE r.id = ANY (pmo_review_team_reviews())
      $f$;

      -- Independence rules need the memberships of named users on a project's path, or
      -- whether they belong to the organization at all, which the caller may not see (a
      -- sibling branch's people). Answered only for a tenant the caller sees or reviews,
      -- and for an organization the caller belongs to.
      CREATE FUNCTION pmo_path_memberships(p_users uuid[], p_tenant uuid) RETURNS TABLE (user_id uuid, tenant_id uuid, role text)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT m.user_id, m.tenant_id, m.role FROM memberships m JOIN tenants t ON t.id = p_tenant
         WHERE (p_tenant = ANY (pmo_visible()) OR p_tenant = ANY (pmo_review_team_tenants()))
           AND m.user_id = ANY (p_users) AND m.status = 'ACTIVE' AND m.tenant_id = ANY (t.path)
      $f$;
      CREATE FUNCTION pmo_org_members(p_users uuid[], p_org uuid) RETURNS TABLE (user_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT DISTINCT m.user_id FROM memberships m
         WHERE m.user_id = ANY (p_users) AND m.org_id = p_org AND m.status = 'ACTIVE'
           AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = ANY (pmo_visible()) AND t.org_id = p_org)
      $f$;

      ALTER TABLE project_timeline ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY project_timeline_tenant ON project_timeline FOR SELECT USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE reporting_waivers ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY reporting_waivers_tenant ON reporting_waivers USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      ALTER TABLE gate_reviews ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY gate_reviews_tenant ON gate_reviews USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE gate_review_criteria ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY gate_review_criteria_tenant ON gate_review_criteria USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE gate_review_votes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY gate_review_votes_tenant ON gate_review_votes USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      -- A review's team works on it from wherever it sits in the organization, while it is open.
      ALTER TABLE project_reviews ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY project_reviews_tenant ON project_reviews USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY project_reviews_team_read ON project_reviews FOR SELECT
        USING (id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      CREATE POLICY project_reviews_team_update ON project_reviews FOR UPDATE
        USING (id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      ALTER TABLE project_review_reviewers ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY project_review_reviewers_tenant ON project_review_reviewers USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY project_review_reviewers_team_read ON project_review_reviewers FOR SELECT
        USING (review_id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      ALTER TABLE review_findings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY review_findings_tenant ON review_findings USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY review_findings_team_read ON review_findings FOR SELECT
        USING (review_id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      CREATE POLICY review_findings_team_insert ON review_findings FOR INSERT
        WITH CHECK (review_id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      ALTER TABLE corrective_actions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY corrective_actions_tenant ON corrective_actions USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      CREATE POLICY corrective_actions_team_read ON corrective_actions FOR SELECT
        USING (review_id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      CREATE POLICY corrective_actions_team_insert ON corrective_actions FOR INSERT
        WITH CHECK (review_id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));
      CREATE POLICY corrective_actions_team_update ON corrective_actions FOR UPDATE
        USING (review_id = ANY ((SELECT pmo_review_team_reviews())::uuid[]));

      ALTER TABLE portfolio_decisions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY portfolio_decisions_tenant ON portfolio_decisions USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      -- What a review needs of the project, for its team, read-only: the project, its
      -- tenant's identity (and its ancestors'), its phases, milestones and status reports.
      -- Not its KPI values: the rollup reads them through an index-only scan that a
      -- policy on another column would spoil.
      CREATE POLICY projects_review_team ON projects FOR SELECT USING (id = ANY ((SELECT pmo_review_team_projects())::uuid[]));
      CREATE POLICY tenants_review_team ON tenants FOR SELECT USING (id = ANY ((SELECT pmo_review_team_tenants())::uuid[]));
      CREATE POLICY project_phases_review_team ON project_phases FOR SELECT
        USING (project_id = ANY ((SELECT pmo_review_team_projects())::uuid[]));
      CREATE POLICY milestones_review_team ON milestones FOR SELECT
        USING (project_id = ANY ((SELECT pmo_review_team_projects())::uuid[]));
      CREATE POLICY status_reports_review_team ON status_reports FOR SELECT
        USING (project_id = ANY ((SELECT pmo_review_team_projects())::uuid[]));
      -- The team's work is audited in the reviewed project's tenant, which it cannot read.
      CREATE POLICY audit_log_review_team ON audit_log FOR INSERT
        WITH CHECK (tenant_id IN (SELECT r.tenant_id FROM project_reviews r WHERE r.id = ANY ((SELECT pmo_review_team_reviews())::uuid[])));

      REVOKE EXECUTE ON FUNCTION pmo_review_team_reviews(), pmo_review_team_projects(), pmo_review_team_tenants(),
        pmo_path_memberships(uuid[], uuid), pmo_org_members(uuid[], uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_review_team_reviews(), pmo_review_team_projects(), pmo_review_team_tenants(),
        pmo_path_memberships(uuid[], uuid), pmo_org_members(uuid[], uuid) TO pmo_app_rw;
      REVOKE EXECUTE ON FUNCTION pmo_project_timeline(), pmo_project_governance_moved() FROM PUBLIC;

      GRANT SELECT ON project_timeline TO pmo_app_rw;
      GRANT SELECT, INSERT ON reporting_waivers, gate_review_criteria, gate_review_votes, project_review_reviewers, review_findings TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (state, decided_at) ON gate_reviews TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (state, closed_at) ON project_reviews TO pmo_app_rw;
      GRANT SELECT, INSERT, UPDATE (state, done_at, done_by, verified_at, verified_by) ON corrective_actions TO pmo_app_rw;
      -- Append-only: a decision is read and recorded, never changed.
      GRANT SELECT, INSERT ON portfolio_decisions TO pmo_app_rw;

      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP POLICY audit_log_review_team ON audit_log;
      DROP POLICY status_reports_review_team ON status_reports;
      DROP POLICY milestones_review_team ON milestones;
      DROP POLICY project_phases_review_team ON project_phases;
      DROP POLICY tenants_review_team ON tenants;
      DROP POLICY projects_review_team ON projects;
      DROP TRIGGER projects_governance_moved ON projects;
      DROP TRIGGER projects_timeline ON projects;
      DROP FUNCTION pmo_org_members, pmo_path_memberships, pmo_review_team_tenants, pmo_review_team_projects, pmo_review_team_reviews,
        pmo_project_governance_moved, pmo_project_timeline;
      DROP TABLE portfolio_decisions, corrective_actions, review_findings, project_review_reviewers, project_reviews,
        gate_review_votes, gate_review_criteria, gate_reviews, reporting_waivers, project_timeline;
    `);
  }
}

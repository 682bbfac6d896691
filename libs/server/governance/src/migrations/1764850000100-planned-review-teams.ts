// The review team's reach, which the policies on projects, tenants and reviews ask on
// every statement, as plpgsql: a definer SQL function is planned again on every call
// (most of a write's planning time was these), a plpgsql one once per connection.
// Same bodies, same answers.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlannedReviewTeams1764850000100 implements MigrationInterface {
  name = 'PlannedReviewTeams1764850000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_review_team_reviews() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (
          SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
            SELECT r.id, r.org_id FROM project_reviews r WHERE r.lead_id = pmo_user() AND r.state <> 'CLOSED'
            UNION ALL
            SELECT r.id, r.org_id FROM project_review_reviewers x JOIN project_reviews r ON r.id = x.review_id
             WHERE x.user_id = pmo_user() AND r.state <> 'CLOSED'
          ) team
          WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = pmo_user() AND m.org_id = team.org_id AND m.status = 'ACTIVE'));
      END $f$;
      CREATE OR REPLACE FUNCTION pmo_review_team_projects() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (SELECT coalesce(array_agg(DISTINCT r.project_id), '{}') FROM project_reviews r WHERE r.id = ANY (pmo_review_team_reviews()));
      END $f$;
      CREATE OR REPLACE FUNCTION pmo_review_team_tenants() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (
          SELECT coalesce(array_agg(DISTINCT a), '{}')
            FROM project_reviews r JOIN tenants t ON t.id = r.tenant_id, unnest(t.path) a
           WHERE r.id = ANY (pmo_review_team_reviews()));
      END $f$;
      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_review_team_reviews() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
          SELECT r.id, r.org_id FROM project_reviews r WHERE r.lead_id = pmo_user() AND r.state <> 'CLOSED'
          UNION ALL
          SELECT r.id, r.org_id FROM project_review_reviewers x JOIN project_reviews r ON r.id = x.review_id
           WHERE x.user_id = pmo_user() AND r.state <> 'CLOSED'
        ) team
        WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = pmo_user() AND m.org_id = team.org_id AND m.status = 'ACTIVE')
      $f$;
      CREATE OR REPLACE FUNCTION pmo_review_team_projects() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT r.project_id), '{}') FROM project_reviews r WHERE r.id = ANY (pmo_review_team_reviews())
      $f$;
      CREATE OR REPLACE FUNCTION pmo_review_team_tenants() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT a), '{}')
          FROM project_reviews r JOIN tenants t ON t.id = r.tenant_id, unnest(t.path) a
         WHERE r.id = ANY (pmo_review_team_reviews())
      $f$;
      SELECT pmo_harden_definers();
    `);
  }
}

// A review team's access to its project ends when its member leaves the organization,
// not only when the review closes: a reviewer or lead removed from the organization (but
// still a member elsewhere, so still signed in) no longer reads the project under review.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewTeamMembership1764720000000 implements MigrationInterface {
  name = 'ReviewTeamMembership1764720000000';

  async up(db: QueryRunner): Promise<void> {
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
      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_review_team_reviews() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT id), '{}') FROM (
          SELECT r.id FROM project_reviews r WHERE r.lead_id = pmo_user() AND r.state <> 'CLOSED'
          UNION ALL
          SELECT r.id FROM project_review_reviewers x JOIN project_reviews r ON r.id = x.review_id
           WHERE x.user_id = pmo_user() AND r.state <> 'CLOSED'
        ) team
      $f$;
      SELECT pmo_harden_definers();
    `);
  }
}

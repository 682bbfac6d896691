// Audit entries get a public id of their own. The identity column is one sequence for
// every organization: shown as the entry's id (or in a cursor), it let a tenant count
// the other organizations' writes between two of its own. The public id is random per
// row (existing rows get theirs here); the sequence stays internal, and pages are keyed
// on (at, public id) instead.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditPublicIds1764500100000 implements MigrationInterface {
  name = 'AuditPublicIds1764500100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_log ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
      CREATE UNIQUE INDEX audit_log_public_id ON audit_log (public_id);
      -- A subtree's entries, newest first, page after page.
      CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at DESC, public_id DESC);
      DROP INDEX audit_log_tenant;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id DESC);
      DROP INDEX audit_log_tenant_at, audit_log_public_id;
      ALTER TABLE audit_log DROP COLUMN public_id;
    `);
  }
}

// What time alone turns into an event (a report late, then missing; a corrective action
// overdue) is derived, never stored; what is stored is that its event was emitted, once
// per subject, so the hourly detection tells each state change exactly once.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class TimeEvents1764830000100 implements MigrationInterface {
  name = 'TimeEvents1764830000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE governance_time_events (
        kind text NOT NULL CHECK (kind IN ('reporting_obligation.late', 'reporting_obligation.missing', 'corrective_action.overdue')),
        subject_id uuid NOT NULL,
        -- The obligation's period; '' for an action.
        period text NOT NULL DEFAULT '',
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        org_id uuid NOT NULL,
        emitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, subject_id, period)
      );
      CREATE INDEX governance_time_events_tenant ON governance_time_events (tenant_id);
      ALTER TABLE governance_time_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY governance_time_events_tenant ON governance_time_events USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      GRANT SELECT, INSERT ON governance_time_events TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE governance_time_events;`);
  }
}

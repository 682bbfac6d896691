// Built-in KPI definitions: kept by the system (governance's compliance KPI), never edited,
// retired or reported by hand. The flag is what the services refuse on.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class BuiltInKpis1764710000000 implements MigrationInterface {
  name = 'BuiltInKpis1764710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE kpi_definitions ADD COLUMN built_in boolean NOT NULL DEFAULT false');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE kpi_definitions DROP COLUMN built_in');
  }
}

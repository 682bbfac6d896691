// A project's tier (1 = the largest, to 3): competency rules set the minimum level of the
// manager of a project of each tier. Optional: a project without a tier answers to no rule.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectTier1764820000000 implements MigrationInterface {
  name = 'ProjectTier1764820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE projects ADD COLUMN tier int CHECK (tier BETWEEN 1 AND 3)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE projects DROP COLUMN tier`);
  }
}

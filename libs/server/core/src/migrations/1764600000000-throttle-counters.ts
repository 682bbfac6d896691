// The throttle's counters when no Redis runs (rate-limiter-flexible's PostgreSQL store,
// its own column layout): shared by every api process like the Redis keys they replace.
// Keys are hashes of an address or account with the limiter's prefix; no tenant's data,
// so no RLS. Created here because the runtime roles may not create tables.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThrottleCounters1764600000000 implements MigrationInterface {
  name = 'ThrottleCounters1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE throttle_counters (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );
      GRANT SELECT, INSERT, UPDATE, DELETE ON throttle_counters TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE throttle_counters');
  }
}

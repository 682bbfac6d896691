// The rollup engine's tables. kpi_rollups holds each node's mergeable partial state
// (count, sum, weighted sum, weight sum, min, max) in exact numeric arithmetic, so a
// node's figure equals the brute-force aggregate over its subtree's leaf values.
// kpi_rollup_dirty is the outbox: any change to kpi_values marks its node in the same
// transaction (a trigger, so no write path can forget); `seq` tells a job whether a
// newer change arrived while it ran.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Rollups1764400000000 implements MigrationInterface {
  name = 'Rollups1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE kpi_rollups (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kpi_id uuid NOT NULL REFERENCES kpi_definitions(id),
        period text NOT NULL,
        org_id uuid NOT NULL,
        value_count bigint NOT NULL,
        value_sum numeric,
        weighted_sum numeric,
        weight_sum numeric,
        min_value numeric,
        max_value numeric,
        computed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, kpi_id, period)
      );
      CREATE INDEX kpi_rollups_period ON kpi_rollups (tenant_id, period);
      CREATE INDEX kpi_rollups_kpi_period ON kpi_rollups (kpi_id, period);

      CREATE SEQUENCE kpi_rollup_dirty_seq;
      CREATE TABLE kpi_rollup_dirty (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kpi_id uuid NOT NULL REFERENCES kpi_definitions(id),
        period text NOT NULL,
        org_id uuid NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('kpi_rollup_dirty_seq'),
        marked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, kpi_id, period)
      );
      CREATE INDEX kpi_rollup_dirty_marked ON kpi_rollup_dirty (marked_at);

      CREATE FUNCTION pmo_mark_value_dirty() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO kpi_rollup_dirty (tenant_id, kpi_id, period, org_id)
          VALUES (OLD.tenant_id, OLD.kpi_id, OLD.period, OLD.org_id)
          ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET seq = nextval('kpi_rollup_dirty_seq');
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR (NEW.tenant_id, NEW.kpi_id, NEW.period) IS DISTINCT FROM (OLD.tenant_id, OLD.kpi_id, OLD.period)) THEN
          INSERT INTO kpi_rollup_dirty (tenant_id, kpi_id, period, org_id)
          VALUES (NEW.tenant_id, NEW.kpi_id, NEW.period, NEW.org_id)
          ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET seq = nextval('kpi_rollup_dirty_seq');
        END IF;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER kpi_values_dirty AFTER INSERT OR UPDATE OR DELETE ON kpi_values
        FOR EACH ROW EXECUTE FUNCTION pmo_mark_value_dirty();

      -- The sweep sees every organization's leftovers: only the node keys, nothing else.
      CREATE FUNCTION pmo_dirty_pending(p_older_than interval, p_limit int)
        RETURNS TABLE (tenant_id uuid, kpi_id uuid, period text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
        SELECT tenant_id, kpi_id, period FROM kpi_rollup_dirty
         WHERE marked_at < clock_timestamp() - p_older_than ORDER BY marked_at LIMIT p_limit
      $f$;
      REVOKE EXECUTE ON FUNCTION pmo_dirty_pending(interval, int) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_dirty_pending(interval, int) TO pmo_app_rw;

      ALTER TABLE kpi_rollups ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY kpi_rollups_tenant ON kpi_rollups USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));
      ALTER TABLE kpi_rollup_dirty ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY kpi_rollup_dirty_tenant ON kpi_rollup_dirty USING (tenant_id = ANY ((SELECT pmo_visible())::uuid[]));

      GRANT SELECT, INSERT, UPDATE, DELETE ON kpi_rollups, kpi_rollup_dirty TO pmo_app_rw;
      GRANT USAGE ON SEQUENCE kpi_rollup_dirty_seq TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER kpi_values_dirty ON kpi_values;
      DROP FUNCTION pmo_dirty_pending, pmo_mark_value_dirty;
      DROP TABLE kpi_rollup_dirty, kpi_rollups;
      DROP SEQUENCE kpi_rollup_dirty_seq;
    `);
  }
}

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
      -- Derived rows, rewritten wholesale by a rebuild: no foreign keys (tenants and KPI
      -- definitions are never deleted), so a rebuild pays for no per-row checks.
      CREATE TABLE kpi_rollups (
        tenant_id uuid NOT NULL,
        kpi_id uuid NOT NULL,
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

      -- A node whose partial state changed marks its parent, in the same transaction, up
      -- to the hub. It runs as the owner: a job sees its node's subtree, not the parent.
      -- A full rebuild (app.rebuilding = on) computes every level itself: the trigger's
      -- WHEN clause skips it then.
      CREATE FUNCTION pmo_mark_parent_dirty() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
      DECLARE parent uuid; node kpi_rollups;
      BEGIN
        IF TG_OP = 'UPDATE' AND (OLD.value_count, OLD.value_sum, OLD.weighted_sum, OLD.weight_sum, OLD.min_value, OLD.max_value)
           IS NOT DISTINCT FROM (NEW.value_count, NEW.value_sum, NEW.weighted_sum, NEW.weight_sum, NEW.min_value, NEW.max_value) THEN
          RETURN NULL;
        END IF;
        node := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        SELECT parent_id INTO parent FROM tenants WHERE id = node.tenant_id;
        IF parent IS NOT NULL THEN
          INSERT INTO kpi_rollup_dirty (tenant_id, kpi_id, period, org_id)
          VALUES (parent, node.kpi_id, node.period, node.org_id)
          ON CONFLICT (tenant_id, kpi_id, period) DO UPDATE SET seq = nextval('kpi_rollup_dirty_seq');
        END IF;
        RETURN NULL;
      END $f$;
      CREATE TRIGGER kpi_rollups_changed AFTER INSERT OR UPDATE OR DELETE ON kpi_rollups
        FOR EACH ROW WHEN (current_setting('app.rebuilding', true) IS DISTINCT FROM 'on')
        EXECUTE FUNCTION pmo_mark_parent_dirty();

      -- The figure a partial state stands for. Sums are exact (numeric); one division at
      -- the end, so a node's value equals the flat aggregate over its subtree's values.
      CREATE FUNCTION pmo_kpi_value(aggregation text, n bigint, s numeric, ws numeric, w numeric, mn numeric, mx numeric)
        RETURNS double precision LANGUAGE sql IMMUTABLE AS $f$
        SELECT CASE WHEN n IS NULL OR n = 0 THEN NULL ELSE (CASE aggregation
          WHEN 'SUM' THEN s
          WHEN 'AVG' THEN s / n
          WHEN 'WEIGHTED_AVG' THEN ws / nullif(w, 0)
          WHEN 'MIN' THEN mn
          WHEN 'MAX' THEN mx END)::double precision END
      $f$;

      CREATE FUNCTION pmo_rag(value double precision, direction text, green double precision, amber double precision)
        RETURNS text LANGUAGE sql IMMUTABLE AS $f$
        SELECT CASE
          WHEN value IS NULL OR green IS NULL THEN NULL
          WHEN direction = 'HIGHER_IS_BETTER' THEN
            CASE WHEN value >= green THEN 'GREEN' WHEN value >= coalesce(amber, green) THEN 'AMBER' ELSE 'RED' END
          ELSE
            CASE WHEN value <= green THEN 'GREEN' WHEN value <= coalesce(amber, green) THEN 'AMBER' ELSE 'RED' END
        END
      $f$;

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
      DROP TRIGGER kpi_rollups_changed ON kpi_rollups;
      DROP FUNCTION pmo_dirty_pending, pmo_mark_value_dirty, pmo_mark_parent_dirty, pmo_kpi_value, pmo_rag;
      DROP TABLE kpi_rollup_dirty, kpi_rollups;
      DROP SEQUENCE kpi_rollup_dirty_seq;
    `);
  }
}

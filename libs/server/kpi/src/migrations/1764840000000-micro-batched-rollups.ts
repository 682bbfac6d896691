// Dirty marks without a hot row, for rollups computed in micro-batches.
//
// A write used to upsert its node's mark (a new seq each time), so every concurrent writer
// to a node queued on that one row's lock. Now a writer inserts the mark only when there
// is none, and otherwise takes a KEY SHARE lock on it: shared locks do not wait for each
// other, and a rollup tick, which deletes (claims) the marks it computes, waits for the
// writers holding them to commit, so its next statement sees their values. A writer that
// comes after the claim waits for the tick, then inserts a new mark: no change is lost,
// and the mark stays durable in the write's own transaction.
//
// A tick computes every level of an organization itself, in one transaction: the trigger
// that marked a changed node's parent goes, and with it the need for a seq per change.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class MicroBatchedRollups1764840000000 implements MigrationInterface {
  name = 'MicroBatchedRollups1764840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Once per statement, over its transition tables: a batch of thousands of values marks
      -- its nodes in two statements, not two per row. Invoker's rights: the writer's tenant
      -- context applies (a writer marks only nodes it sees: its own values' tenants). Marks
      -- are inserted and locked in one order, the order a tick claims them in. A mark deleted
      -- between the insert and the lock is inserted again; the loop is bounded, so a mark the
      -- writer could not see would fail the write rather than spin.
      CREATE FUNCTION pmo_mark_values_dirty() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE tenants uuid[]; kpis uuid[]; periods text[]; orgs uuid[]; locked int;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(tenant_id ORDER BY tenant_id, kpi_id, period), array_agg(kpi_id ORDER BY tenant_id, kpi_id, period),
                 array_agg(period ORDER BY tenant_id, kpi_id, period), array_agg(org_id ORDER BY tenant_id, kpi_id, period)
            INTO tenants, kpis, periods, orgs
            FROM (SELECT DISTINCT tenant_id, kpi_id, period, org_id FROM changed_new) n;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(tenant_id ORDER BY tenant_id, kpi_id, period), array_agg(kpi_id ORDER BY tenant_id, kpi_id, period),
                 array_agg(period ORDER BY tenant_id, kpi_id, period), array_agg(org_id ORDER BY tenant_id, kpi_id, period)
            INTO tenants, kpis, periods, orgs
            FROM (SELECT tenant_id, kpi_id, period, org_id FROM changed_old UNION SELECT tenant_id, kpi_id, period, org_id FROM changed_new) n;
        ELSE
          SELECT array_agg(tenant_id ORDER BY tenant_id, kpi_id, period), array_agg(kpi_id ORDER BY tenant_id, kpi_id, period),
                 array_agg(period ORDER BY tenant_id, kpi_id, period), array_agg(org_id ORDER BY tenant_id, kpi_id, period)
            INTO tenants, kpis, periods, orgs
            FROM (SELECT DISTINCT tenant_id, kpi_id, period, org_id FROM changed_old) n;
        END IF;
        IF tenants IS NULL THEN RETURN NULL; END IF;
        FOR attempt IN 1..100 LOOP
          INSERT INTO kpi_rollup_dirty (tenant_id, kpi_id, period, org_id)
          SELECT * FROM unnest(tenants, kpis, periods, orgs)
          ON CONFLICT (tenant_id, kpi_id, period) DO NOTHING;
          PERFORM 1 FROM kpi_rollup_dirty d JOIN unnest(tenants, kpis, periods) AS n (tenant_id, kpi_id, period)
                      ON d.tenant_id = n.tenant_id AND d.kpi_id = n.kpi_id AND d.period = n.period
           ORDER BY d.tenant_id, d.kpi_id, d.period FOR KEY SHARE OF d;
          GET DIAGNOSTICS locked = ROW_COUNT;
          IF locked = cardinality(tenants) THEN RETURN NULL; END IF;
        END LOOP;
        RAISE EXCEPTION 'rollup nodes of % values cannot be marked dirty', TG_OP;
      END $f$;

      DROP TRIGGER kpi_values_dirty ON kpi_values;
      DROP FUNCTION pmo_mark_value_dirty();
      CREATE TRIGGER kpi_values_inserted_dirty AFTER INSERT ON kpi_values
        REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION pmo_mark_values_dirty();
      CREATE TRIGGER kpi_values_updated_dirty AFTER UPDATE ON kpi_values
        REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION pmo_mark_values_dirty();
      CREATE TRIGGER kpi_values_deleted_dirty AFTER DELETE ON kpi_values
        REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION pmo_mark_values_dirty();

      DROP TRIGGER kpi_rollups_changed ON kpi_rollups;
      DROP FUNCTION pmo_mark_parent_dirty();
      DROP FUNCTION pmo_dirty_pending(interval, int);

      -- The worker's ticks and sweep (its role only) see which organizations have marks, nothing else.
      CREATE FUNCTION pmo_dirty_organizations(p_older_than interval) RETURNS TABLE (org_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
        SELECT DISTINCT org_id FROM kpi_rollup_dirty WHERE marked_at < clock_timestamp() - p_older_than
      $f$;
      REVOKE EXECUTE ON FUNCTION pmo_dirty_organizations(interval) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_dirty_organizations(interval) TO pmo_worker_rw;
      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_dirty_organizations(interval);
      CREATE FUNCTION pmo_dirty_pending(p_older_than interval, p_limit int)
        RETURNS TABLE (tenant_id uuid, kpi_id uuid, period text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $f$
        SELECT tenant_id, kpi_id, period FROM kpi_rollup_dirty
         WHERE marked_at < clock_timestamp() - p_older_than ORDER BY marked_at LIMIT p_limit
      $f$;
      REVOKE EXECUTE ON FUNCTION pmo_dirty_pending(interval, int) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_dirty_pending(interval, int) TO pmo_worker_rw;

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

      DROP TRIGGER kpi_values_inserted_dirty ON kpi_values;
      DROP TRIGGER kpi_values_updated_dirty ON kpi_values;
      DROP TRIGGER kpi_values_deleted_dirty ON kpi_values;
      DROP FUNCTION pmo_mark_values_dirty();
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
      SELECT pmo_harden_definers();
    `);
  }
}

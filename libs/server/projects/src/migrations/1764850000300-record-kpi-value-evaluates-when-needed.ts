// The single write asks for a compliance re-evaluation only when its value can move
// compliance: a KPI value counts there only by being there for a mandatory KPI (the
// MANDATORY_KPIS_REPORTED check), so a value that replaces another, or any value of a KPI
// that is not mandatory, needs none. Deleting a value still asks for one. The function
// answers whether it asked (o_evaluate), so the caller enqueues the job only then.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { RecordKpiValue1764840000001 } from './1764840000001-record-kpi-value';

export class RecordKpiValueEvaluatesWhenNeeded1764850000300 implements MigrationInterface {
  name = 'RecordKpiValueEvaluatesWhenNeeded1764850000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP FUNCTION pmo_record_kpi_value(uuid, uuid, uuid, text, text, text, text, text[], text[], text[], text, jsonb);
      CREATE FUNCTION pmo_record_kpi_value(
        p_session uuid, p_user uuid, p_project uuid, p_kpi_key text, p_period text, p_value text, p_weight text,
        p_ranks text[], p_reporters text[], p_closed text[], p_event_job text, p_event jsonb)
      RETURNS TABLE (
        o_outcome text, o_tenant_id uuid, o_org_id uuid, o_state text, o_path uuid[],
        o_kpi_id uuid, o_kpi_org_id uuid, o_kpi_tenant_id uuid, o_kpi_status text, o_kpi_aggregation text, o_kpi_built_in boolean,
        o_value double precision, o_weight double precision, o_recorded_by uuid, o_recorded_at timestamptz, o_evaluate boolean)
      LANGUAGE plpgsql AS $f$
      DECLARE
        v_uid uuid; v_grants jsonb; v_role text; v_replaced boolean; v_old_value text; v_old_weight text; v_mandatory boolean;
      BEGIN
        SELECT s.user_id, s.grants INTO v_uid, v_grants FROM pmo_enter_session(p_session) s;
        IF v_uid IS DISTINCT FROM p_user THEN RAISE EXCEPTION 'session ended' USING ERRCODE = '28000'; END IF;

        -- Locked without joining its tenant: a join in a FOR UPDATE query would drop a row a
        -- concurrent move changed; the path is read from the row as locked.
        SELECT p.tenant_id, p.org_id, p.state, (SELECT t.path FROM tenants t WHERE t.id = p.tenant_id)
          INTO o_tenant_id, o_org_id, o_state, o_path
          FROM projects p WHERE p.id = p_project FOR UPDATE OF p;
        IF NOT FOUND THEN o_outcome := 'not_found'; RETURN NEXT; RETURN; END IF;

        -- The caller's role here: the highest among their memberships on the path.
        SELECT g->>'role' INTO v_role FROM jsonb_array_elements(v_grants) g
         WHERE (g->>'tenantId')::uuid = ANY (o_path) ORDER BY array_position(p_ranks, g->>'role') DESC LIMIT 1;
        IF v_role IS NULL OR NOT v_role = ANY (p_reporters) THEN o_outcome := 'forbidden'; RETURN NEXT; RETURN; END IF;

        SELECT d.id, d.org_id, d.tenant_id, d.status, d.aggregation, d.built_in, d.mandatory
          INTO o_kpi_id, o_kpi_org_id, o_kpi_tenant_id, o_kpi_status, o_kpi_aggregation, o_kpi_built_in, v_mandatory
          FROM kpi_definitions d WHERE d.org_id = o_org_id AND d.key = p_kpi_key;
        IF o_kpi_id IS NULL OR o_kpi_built_in OR o_kpi_status <> 'PUBLISHED' OR NOT o_kpi_tenant_id = ANY (o_path) OR o_state = ANY (p_closed)
           OR (o_kpi_aggregation = 'WEIGHTED_AVG' AND p_weight IS NULL) THEN
          o_outcome := 'refused'; RETURN NEXT; RETURN;
        END IF;

        INSERT INTO kpi_value_history AS h (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by, recorded_at, superseded_by, action)
        SELECT v.project_id, v.kpi_id, v.period, v.tenant_id, v.org_id, v.value, v.weight, v.recorded_by, v.recorded_at, v_uid, 'REPLACED'
          FROM kpi_values v WHERE v.project_id = p_project AND v.kpi_id = o_kpi_id AND v.period = p_period
        RETURNING h.value::text, h.weight::text INTO v_old_value, v_old_weight;
        v_replaced := FOUND;

        INSERT INTO kpi_values AS v (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_by)
        VALUES (p_project, o_kpi_id, p_period, o_tenant_id, o_org_id, p_value::numeric, p_weight::numeric, v_uid)
        ON CONFLICT (project_id, kpi_id, period) DO UPDATE
          SET value = EXCLUDED.value, weight = EXCLUDED.weight, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
        RETURNING v.value::float8, v.weight::float8, v.recorded_by, v.recorded_at INTO o_value, o_weight, o_recorded_by, o_recorded_at;

        -- The audit entry the batch write records for one project: what it reported, and what that replaced.
        INSERT INTO audit_log (tenant_id, org_id, actor_id, entity, entity_id, action, before, after)
        VALUES (o_tenant_id, o_org_id, v_uid, 'kpi_value', p_project::text, 'record',
          CASE WHEN v_replaced THEN jsonb_build_array(jsonb_build_object('kpiKey', p_kpi_key, 'period', p_period, 'value', v_old_value, 'weight', v_old_weight)) END,
          jsonb_build_array(jsonb_build_object('kpiKey', p_kpi_key, 'period', p_period, 'value', p_value, 'weight', p_weight)));

        -- The event the caller prepared (its compliance re-evaluation), for the project's
        -- tenant, when the value can move compliance: a value counts there only by being
        -- there for a mandatory KPI, so replacing one, or any value of a KPI that is not
        -- mandatory, changes nothing to evaluate.
        o_evaluate := v_mandatory AND NOT v_replaced;
        IF o_evaluate THEN
          INSERT INTO outbox (id, tenant_id, org_id, job_name, payload)
          VALUES ((p_event->>'outboxId')::uuid, o_tenant_id, o_org_id, p_event_job, p_event || jsonb_build_object('tenantId', o_tenant_id));
        END IF;

        o_outcome := 'written';
        RETURN NEXT;
      END $f$;
      REVOKE EXECUTE ON FUNCTION pmo_record_kpi_value(uuid, uuid, uuid, text, text, text, text, text[], text[], text[], text, jsonb) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_record_kpi_value(uuid, uuid, uuid, text, text, text, text, text[], text[], text[], text, jsonb) TO pmo_app_rw;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION pmo_record_kpi_value(uuid, uuid, uuid, text, text, text, text, text[], text[], text[], text, jsonb)');
    await new RecordKpiValue1764840000001().up(db);
  }
}

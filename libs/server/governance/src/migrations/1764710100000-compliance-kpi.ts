// The built-in compliance KPI: one per organization, owned by its hub, published, AVG and
// HIGHER_IS_BETTER, whose values governance records as the system. Created with the hub
// (a trigger on tenants, so sign-up and every other path that creates an organization get
// it in their transaction) and here for the existing organizations; an organization's own
// KPI that already had the key keeps its values under the key "compliance_custom".
// Also the list of organizations the daily re-evaluation walks, for the worker alone.
import { MigrationInterface, QueryRunner } from 'typeorm';

const DESCRIPTION = 'The share of the governance checks a project meets in a period (0 to 1), kept by the system';

export class ComplianceKpi1764710100000 implements MigrationInterface {
  name = 'ComplianceKpi1764710100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION pmo_create_compliance_kpi(p_org uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $f$
      DECLARE kpi uuid := gen_random_uuid();
      BEGIN
        INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, description, aggregation, direction,
                                     green_threshold, amber_threshold, mandatory, status, version, built_in)
        VALUES (kpi, p_org, p_org, 'compliance', 'Compliance', '${DESCRIPTION}', 'AVG', 'HIGHER_IS_BETTER',
                0.9, 0.7, false, 'PUBLISHED', 1, true);
        INSERT INTO kpi_definition_versions (kpi_id, version, org_id, tenant_id, snapshot)
        VALUES (kpi, 1, p_org, p_org, jsonb_build_object(
          'key', 'compliance', 'name', 'Compliance', 'description', '${DESCRIPTION}', 'unit', NULL,
          'aggregation', 'AVG', 'direction', 'HIGHER_IS_BETTER', 'greenThreshold', 0.9, 'amberThreshold', 0.7, 'mandatory', false));
      END $f$;

      CREATE FUNCTION pmo_hub_compliance_kpi() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
      BEGIN
        PERFORM pmo_create_compliance_kpi(NEW.id);
        RETURN NULL;
      END $f$;
      CREATE TRIGGER tenants_compliance_kpi AFTER INSERT ON tenants
        FOR EACH ROW WHEN (NEW.parent_id IS NULL) EXECUTE FUNCTION pmo_hub_compliance_kpi();

      UPDATE kpi_definitions SET key = 'compliance_custom', updated_at = now() WHERE key = 'compliance' AND NOT built_in;
      SELECT pmo_create_compliance_kpi(t.id) FROM tenants t
       WHERE t.parent_id IS NULL AND NOT EXISTS (SELECT 1 FROM kpi_definitions d WHERE d.org_id = t.id AND d.built_in);

      CREATE FUNCTION pmo_organizations() RETURNS TABLE (org_id uuid) LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT id FROM tenants WHERE parent_id IS NULL ORDER BY id
      $f$;

      REVOKE EXECUTE ON FUNCTION pmo_create_compliance_kpi(uuid), pmo_hub_compliance_kpi(), pmo_organizations() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION pmo_organizations() TO pmo_worker_rw;
      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER tenants_compliance_kpi ON tenants;
      DROP FUNCTION pmo_organizations, pmo_hub_compliance_kpi, pmo_create_compliance_kpi;
    `);
  }
}

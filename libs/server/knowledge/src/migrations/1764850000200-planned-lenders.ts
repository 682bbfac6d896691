// The lending reach, which the policies on projects and tenants ask on every statement,
// as plpgsql: a definer SQL function is planned again on every call, a plpgsql one once
// per connection. Same bodies, same answers.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlannedLenders1764850000200 implements MigrationInterface {
  name = 'PlannedLenders1764850000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_resource_orgs() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (SELECT coalesce(array_agg(DISTINCT t.org_id), '{}') FROM tenants t WHERE t.id = ANY (pmo_visible()));
      END $f$;
      CREATE OR REPLACE FUNCTION pmo_resource_lent_projects() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (SELECT coalesce(array_agg(DISTINCT a.project_id), '{}') FROM resource_allocations a
                 WHERE a.borrowed AND a.state <> 'REJECTED' AND a.tenant_id = ANY (pmo_visible()));
      END $f$;
      CREATE OR REPLACE FUNCTION pmo_resource_lent_tenants() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER AS $f$
      BEGIN
        RETURN (SELECT coalesce(array_agg(DISTINCT a.project_tenant_id), '{}') FROM resource_allocations a
                 WHERE a.borrowed AND a.state <> 'REJECTED' AND a.tenant_id = ANY (pmo_visible()));
      END $f$;
      SELECT pmo_harden_definers();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION pmo_resource_orgs() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT t.org_id), '{}') FROM tenants t WHERE t.id = ANY (pmo_visible())
      $f$;
      CREATE OR REPLACE FUNCTION pmo_resource_lent_projects() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT a.project_id), '{}') FROM resource_allocations a WHERE a.borrowed AND a.state <> 'REJECTED' AND a.tenant_id = ANY (pmo_visible())
      $f$;
      CREATE OR REPLACE FUNCTION pmo_resource_lent_tenants() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER AS $f$
        SELECT coalesce(array_agg(DISTINCT a.project_tenant_id), '{}') FROM resource_allocations a WHERE a.borrowed AND a.state <> 'REJECTED' AND a.tenant_id = ANY (pmo_visible())
      $f$;
      SELECT pmo_harden_definers();
    `);
  }
}

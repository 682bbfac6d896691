// The seed's statements, run as the owner on a data source without entities: the tenant
// tree and its admin, then set-based inserts of the organization's standards, projects
// and values, with the dirty-mark triggers stood down while they load.
import { statement } from '@pmo/core';

/** For this transaction only: triggers do not fire (the rollup rebuild after the load computes everything). */
export const TRIGGERS_OFF = statement<never>('seed-triggers-off', 'SET LOCAL session_replication_role = replica');

export const INSERT_TENANT = statement<never, [id: string, orgId: string, parentId: string | null, kind: string, name: string, depth: number, path: string[]]>(
  'seed-tenant',
  'INSERT INTO tenants (id, org_id, parent_id, kind, name, depth, path) VALUES ($1, $2, $3, $4, $5, $6, $7)',
);

export const INSERT_USER = statement<never, [id: string, email: string, passwordHash: string]>(
  'seed-user',
  'INSERT INTO users (id, email, password_hash) VALUES ($1, $2, $3)',
);

export const INSERT_ADMIN = statement<never, [userId: string, hubId: string]>(
  'seed-admin',
  "INSERT INTO memberships (user_id, tenant_id, org_id, role) VALUES ($1, $2, $2, 'ORG_ADMIN')",
);

export const INSERT_KPI_DEFINITION = statement<
  never,
  [id: string, orgId: string, key: string, aggregation: string, direction: string, green: number | null, amber: number | null]
>(
  'seed-kpi-definition',
  `INSERT INTO kpi_definitions (id, org_id, tenant_id, key, name, aggregation, direction, green_threshold, amber_threshold, status, mandatory)
   VALUES ($1, $2, $2, $3, $3, $4, $5, $6, $7, 'PUBLISHED', true)`,
);

/** `count` projects spread over `tenants` in turn (a tenant listed twice gets twice as many). */
export const INSERT_PROJECTS = statement<never, [orgId: string, tenants: string[], count: number]>(
  'seed-projects',
  `INSERT INTO projects (id, org_id, tenant_id, code, name, state)
   SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + i % cardinality($2::uuid[])], 'P' || lpad(i::text, 5, '0'), 'Project ' || i, 'ACTIVE'
     FROM generate_series(0, $3 - 1) i`,
);

/** A random value of every KPI (but the built-in ones, which the system records) for every project of the organization in each period. */
export const INSERT_KPI_VALUES = statement<never, [orgId: string, periods: string[]]>(
  'seed-kpi-values',
  `INSERT INTO kpi_values (project_id, kpi_id, period, tenant_id, org_id, value, weight, recorded_at)
   SELECT p.id, k.id, period, p.tenant_id, p.org_id, round((random() * 1000)::numeric, 2),
          CASE WHEN k.aggregation = 'WEIGHTED_AVG' THEN 1 + floor(random() * 99) END, now()
     FROM projects p CROSS JOIN kpi_definitions k CROSS JOIN unnest($2::text[]) period
    WHERE p.org_id = $1 AND k.org_id = $1 AND NOT k.built_in`,
);

/** The built-in compliance KPI, which the hub's trigger would create had the bulk load not switched triggers off. */
export const INSERT_COMPLIANCE_KPI = statement<never, [orgId: string]>('seed-compliance-kpi', 'SELECT pmo_create_compliance_kpi($1)');

/** Fresh planner statistics after the load. */
export const ANALYZE = statement<never>('seed-analyze', 'ANALYZE');

// The tenant tree's statements on every authorized request and every nested tenant field,
// written once (see docs/data-layer.md); rows in the entity's shape.
import { statement } from '../database/sql';
import type { TenantModel } from '../graphql/tenant.model';
import type { TenantPath } from './tenant.repository';

/** The paths of the visible tenants among the ids. */
export const TENANT_PATHS = statement<TenantPath, [ids: readonly string[]]>('tenant-paths', 'SELECT id, path FROM tenants WHERE id = ANY($1::uuid[])');

/**
 * The visible tenants among the ids, as a `tenant` field shows them: no path and no
 * creation time, which the driver would parse (an array, a timestamp) for every tenant of
 * a page of projects and nothing would read.
 */
export const TENANT_MODELS_BY_IDS = statement<TenantModel, [ids: readonly string[]]>(
  'tenant-models-by-ids',
  `SELECT id, name, kind, depth, parent_id AS "parentId" FROM tenants WHERE id = ANY($1::uuid[])`,
);

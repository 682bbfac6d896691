// The tenant tree's statement on every authorized request, written once (see docs/data-layer.md).
import { statement } from '../database/sql';
import type { TenantPath } from './tenant.repository';

/** The paths of the visible tenants among the ids. */
export const TENANT_PATHS = statement<TenantPath, [ids: readonly string[]]>('tenant-paths', 'SELECT id, path FROM tenants WHERE id = ANY($1::uuid[])');

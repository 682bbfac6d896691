// The ORG_ADMIN's full rebuild, through the same set-based SQL as the command line.
import { Injectable } from '@nestjs/common';
import { AccessService, AuditService, badInput, Permission, requireUuid, TenantDb } from '@pmo/core';
import { rebuildOrganization } from '../engine/rebuild';
import { RollupRebuildModel } from './kpi-rollup.model';

@Injectable()
export class RollupAdminService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async rebuild(hubId: string): Promise<RollupRebuildModel> {
    const id = requireUuid(hubId, 'hubId');
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.REBUILD_ROLLUPS, [id]);
      const [hub] = await em.query('SELECT org_id, parent_id FROM tenants WHERE id = $1', [id]);
      if (hub.parent_id) throw badInput('hubId must be the organization hub', { field: 'hubId' });
      const started = performance.now();
      const result = await rebuildOrganization(em, hub.org_id);
      const durationMs = Math.round(performance.now() - started);
      await this.audit.record(em, { tenantId: id, orgId: hub.org_id, entity: 'rollups', entityId: id, action: 'rebuild', after: result });
      return { ...result, durationMs };
    });
  }
}

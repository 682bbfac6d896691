// The ORG_ADMIN's full rebuild, through the same set-based SQL as the command line.
import { Injectable } from '@nestjs/common';
import { AccessService, AuditService, badInput, Permission, TenantDb } from '@pmo/core';
import { rebuildOrganization } from '../engine/rebuild';
import { RollupRebuildModel } from './kpi-rollup.model';
import { RollupReadRepository } from './rollup-read.repository';

@Injectable()
export class RollupAdminService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly rollups: RollupReadRepository,
  ) {}

  async rebuild(hubId: string): Promise<RollupRebuildModel> {
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.REBUILD_ROLLUPS, [hubId]);
      const hub = await this.rollups.tenant(em, hubId);
      if (!hub || hub.parentId) throw badInput('hubId must be the organization hub', { field: 'hubId' });
      const started = performance.now();
      const result = await rebuildOrganization(em, hub.orgId);
      const durationMs = Math.round(performance.now() - started);
      await this.audit.record(em, { tenantId: hubId, orgId: hub.orgId, entity: 'rollups', entityId: hubId, action: 'rebuild', after: result });
      return { ...result, durationMs };
    });
  }
}

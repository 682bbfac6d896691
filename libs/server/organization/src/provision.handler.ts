// The first job of a new organization: records that it is provisioned. It proves the
// api → outbox → queue → worker → database path end to end, and runs at most once in
// effect (the outbox row is the guard).
import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '@pmo/shared';
import { AuditService, OnJob, OutboxService, TenantDb } from '@pmo/core';

@Injectable()
export class ProvisionHandler {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  @OnJob(JobName.ORGANIZATION_PROVISION)
  async provision(payload: JobPayloads[JobName.ORGANIZATION_PROVISION]): Promise<void> {
    await this.db.transaction(async (em) => {
      if (!(await this.outbox.complete(em, payload.outboxId))) return;
      await this.audit.record(em, {
        tenantId: payload.tenantId,
        orgId: payload.tenantId,
        entity: 'organization',
        entityId: payload.tenantId,
        action: 'provisioned',
        after: { firstAdmin: payload.userId },
      });
    });
  }
}

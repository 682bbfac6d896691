// The first job of a new organization: records that it is provisioned. It proves the
// api → outbox → queue → worker → database path end to end, and runs at most once in
// effect (the outbox row is the guard).
import { Injectable } from '@nestjs/common';
import { AuditService, OnJob, OutboxService, TenantDb } from '@pmo/core';
import { ORGANIZATION_PROVISION_JOB, ProvisionPayload } from './provision.jobs';

@Injectable()
export class ProvisionHandler {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  @OnJob(ORGANIZATION_PROVISION_JOB)
  async provision(payload: ProvisionPayload): Promise<void> {
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

// The rollup engine reports a built-in KPI's change of colour at a tenant; compliance is
// the only built-in KPI, so the change is the tenant's compliance RAG: an outbox event,
// written in the engine's transaction and enqueued once it commits.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BuiltInRagChanges, OutboxService, RagChange } from '@pmo/core';
import { TENANT_COMPLIANCE_RAG_CHANGED_JOB } from './governance-events.jobs';

@Injectable()
export class TenantComplianceRagEvents extends BuiltInRagChanges {
  constructor(private readonly outbox: OutboxService) {
    super();
  }

  async changed(em: EntityManager, { orgId, tenantId, period, from, to }: RagChange): Promise<void> {
    await this.outbox.publish(em, orgId, TENANT_COMPLIANCE_RAG_CHANGED_JOB, { tenantId, period, from, to });
  }
}

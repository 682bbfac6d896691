// Core's ComplianceFeed port, implemented with governance's outbox job: one re-evaluation
// per tenant and period a transaction touched, written with the change and run after commit.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { ComplianceChange, ComplianceEvent, ComplianceFeed, OutboxService } from '@pmo/core';
import { COMPLIANCE_EVALUATE_JOB } from './compliance.jobs';

@Injectable()
export class OutboxComplianceFeed extends ComplianceFeed {
  constructor(private readonly outbox: OutboxService) {
    super();
  }

  async changed(em: EntityManager, changes: readonly ComplianceChange[]): Promise<void> {
    const batches = new Map<string, { orgId: string; tenantId: string; period: string; projectIds: Set<string> }>();
    for (const { orgId, tenantId, period, projectId } of changes) {
      const key = `${tenantId}|${period}`;
      const batch = batches.get(key) ?? { orgId, tenantId, period, projectIds: new Set<string>() };
      batch.projectIds.add(projectId);
      batches.set(key, batch);
    }
    for (const { orgId, tenantId, period, projectIds } of batches.values()) {
      await this.outbox.publish(em, orgId, COMPLIANCE_EVALUATE_JOB, { tenantId, period, projectIds: [...projectIds] });
    }
  }

  event(projectId: string, period: string): ComplianceEvent {
    return { job: COMPLIANCE_EVALUATE_JOB, payload: { period, projectIds: [projectId], outboxId: randomUUID() } };
  }
}

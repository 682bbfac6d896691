// The append-only audit log: every mutation records who did what to which entity, in
// the mutation's own transaction. The app role can insert and read it, never change it.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentContext } from '../tenancy/request-context';

export interface AuditEntry {
  tenantId: string;
  orgId: string;
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

@Injectable()
export class AuditService {
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    const actor = currentContext().actor;
    const actorId = actor.kind === 'user' || actor.kind === 'signup' ? actor.userId : null;
    await em.query(
      `INSERT INTO audit_log (tenant_id, org_id, actor_id, entity, entity_id, action, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [entry.tenantId, entry.orgId, actorId, entry.entity, entry.entityId, entry.action, json(entry.before), json(entry.after)],
    );
  }
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

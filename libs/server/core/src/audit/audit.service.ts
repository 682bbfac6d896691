// The append-only audit log: every mutation records who did what to which entity, in
// the mutation's own transaction. The app role can insert and read it, never change it.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentContext } from '../tenancy/request-context';
import { AuditRepository } from './audit.repository';

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
  constructor(private readonly entries: AuditRepository) {}

  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    const actor = currentContext().actor;
    const actorId = actor.kind === 'user' || actor.kind === 'signup' ? actor.userId : null;
    await this.entries.append(em, { ...entry, actorId, before: jsonOf(entry.before), after: jsonOf(entry.after) });
  }
}

/** What a jsonb column stores: objects as they are, anything else (a scalar, nothing) as null. */
const jsonOf = (value: unknown): object | null => (typeof value === 'object' && value !== null ? value : null);

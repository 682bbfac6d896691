// Statements on the audit log: appending an entry (the app role may not change one).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { AuditLogEntity } from './audit-log.entity';

export type NewAuditEntry = Pick<AuditLogEntity, 'tenantId' | 'orgId' | 'actorId' | 'entity' | 'entityId' | 'action' | 'before' | 'after'>;

@Injectable()
export class AuditRepository {
  @GenerateSql({
    params: [
      {
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        actorId: null,
        entity: 'project',
        entityId: DummyValue.UUID,
        action: 'create',
        before: null,
        after: {},
      },
    ],
  })
  async append(em: EntityManager, entry: NewAuditEntry): Promise<void> {
    // insert(), not save(): no read-back (the app role cannot read what RLS hides anyway).
    await em.createQueryBuilder().insert().into(AuditLogEntity).values(entry).updateEntity(false).execute();
  }
}

// Statements on the audit log: appending an entry (the app role may not change one) and
// reading a subtree's entries, newest first, page after page.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { run } from '../database/sql';
import { APPEND_AUDIT_ENTRY } from './audit.sql';
import { AuditLogEntity } from './audit-log.entity';

export type NewAuditEntry = Pick<AuditLogEntity, 'tenantId' | 'orgId' | 'actorId' | 'entity' | 'entityId' | 'action' | 'before' | 'after'>;

export interface AuditPageRow extends Pick<AuditLogEntity, 'tenantId' | 'actorId' | 'entity' | 'entityId' | 'action' | 'before' | 'after' | 'at'> {
  /** The public id: the table's sequence stays internal. */
  id: string;
  /** `at` to the microsecond, UTC, as a cursor must hold it (a Date keeps milliseconds). */
  atKey: string;
}

/** Where a page starts: after the entry with this time (to the microsecond) and public id. */
export interface AuditPageKey {
  at: string;
  id: string;
}

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
    // Every mutation runs it: a named statement, so no query is built per call. No
    // read-back (the app role cannot read what RLS hides anyway).
    // JSON text, not the value: pg would send an array as a PostgreSQL array.
    const json = (value: object | null) => (value === null ? null : JSON.stringify(value));
    await run(em, APPEND_AUDIT_ENTRY, [
      entry.tenantId,
      entry.orgId,
      entry.actorId,
      entry.entity,
      entry.entityId,
      entry.action,
      json(entry.before),
      json(entry.after),
    ]);
  }

  /** Up to `limit` entries of the tenant's subtree, newest first, after `after` when given. */
  @GenerateSql(
    { name: 'first page', params: [DummyValue.UUID, null, 51] },
    { name: 'after a cursor', params: [DummyValue.UUID, { at: '2026-01-15T12:00:00.000000Z', id: DummyValue.UUID_2 }, 51] },
  )
  page(em: EntityManager, tenantId: string, after: AuditPageKey | null, limit: number): Promise<AuditPageRow[]> {
    const query = em
      .createQueryBuilder(AuditLogEntity, 'a')
      .select('a.public_id', 'id')
      .addSelect('a.tenant_id', 'tenantId')
      .addSelect('a.actor_id', 'actorId')
      .addSelect('a.entity', 'entity')
      .addSelect('a.entity_id', 'entityId')
      .addSelect('a.action', 'action')
      .addSelect('a.before', 'before')
      .addSelect('a.after', 'after')
      .addSelect('a.at', 'at')
      .addSelect(`to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'atKey')
      .where('a.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[:tenantId::uuid])', { tenantId })
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.public_id', 'DESC')
      .limit(limit);
    if (after) query.andWhere('(a.at, a.public_id) < (:at::timestamptz, :id::uuid)', { at: after.at, id: after.id });
    return query.getRawMany<AuditPageRow>();
  }
}

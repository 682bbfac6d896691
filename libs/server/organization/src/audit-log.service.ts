// Reading the audit log: the entries of a tenant's whole subtree, newest first, for its
// ORG_ADMINs only. Pages are keyset on the entry id, so they stay stable while entries
// are being added.
import { Injectable } from '@nestjs/common';
import { AccessService, Permission, requireUuid, TenantDb } from '@pmo/core';
import { AuditEntryConnectionModel, AuditEntryModel } from './models/audit-entry.model';
import { checkPageSize, decodeAuditCursor, encodeAuditCursor } from './validation';

interface AuditRow {
  id: string;
  tenantId: string;
  actorId: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  at: Date;
}

const jsonText = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

@Injectable()
export class AuditLogService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
  ) {}

  async list(tenantId: string, first: number, after?: string | null): Promise<AuditEntryConnectionModel> {
    const id = requireUuid(tenantId, 'tenantId');
    const size = checkPageSize(first);
    const before = after ? decodeAuditCursor(after) : null;
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ_AUDIT, [id]);
      const rows: AuditRow[] = await em.query(
        `SELECT a.id::text AS id, a.tenant_id AS "tenantId", a.actor_id AS "actorId", a.entity, a.entity_id AS "entityId",
                a.action, a.before, a.after, a.at
           FROM audit_log a
          WHERE a.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[$1::uuid])
            AND ($2::bigint IS NULL OR a.id < $2::bigint)
          ORDER BY a.id DESC
          LIMIT $3`,
        [id, before, size + 1],
      );
      const page = rows.slice(0, size);
      const edges = page.map((row) => ({
        cursor: encodeAuditCursor(row.id),
        node: { ...row, before: jsonText(row.before), after: jsonText(row.after) } as AuditEntryModel,
      }));
      return { edges, hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null };
    });
  }
}

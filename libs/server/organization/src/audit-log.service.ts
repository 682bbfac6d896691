// Reading the audit log: the entries of a tenant's whole subtree, newest first, for its
// ORG_ADMINs only. Pages are keyset on (at, public id), so they stay stable while entries
// are being added, and neither ids nor cursors show the global sequence behind the table.
import { Injectable } from '@nestjs/common';
import { AccessService, pageOf, Permission, requireUuid, TenantDb } from '@pmo/core';
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
  /** `at` to the microsecond, as a cursor must hold it (a Date keeps milliseconds). */
  atKey: string;
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
    const cursor = after ? decodeAuditCursor(after) : null;
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ_AUDIT, [id]);
      const rows: AuditRow[] = await em.query(
        `SELECT a.public_id AS id, a.tenant_id AS "tenantId", a.actor_id AS "actorId", a.entity, a.entity_id AS "entityId",
                a.action, a.before, a.after, a.at,
                to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "atKey"
           FROM audit_log a
          WHERE a.tenant_id IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[$1::uuid])
            AND ($2::timestamptz IS NULL OR (a.at, a.public_id) < ($2::timestamptz, $3::uuid))
          ORDER BY a.at DESC, a.public_id DESC
          LIMIT $4`,
        [id, cursor?.key ?? null, cursor?.id ?? null, size + 1],
      );
      return pageOf(rows, size, ({ atKey, ...row }) => ({
        cursor: encodeAuditCursor(atKey, row.id),
        node: { ...row, before: jsonText(row.before), after: jsonText(row.after) } as AuditEntryModel,
      }));
    });
  }
}

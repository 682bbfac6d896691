// Reading the audit log: the entries of a tenant's whole subtree, newest first, for its
// ORG_ADMINs only. Pages are keyset on (at, public id), so they stay stable while entries
// are being added, and neither ids nor cursors show the global sequence behind the table.
import { Injectable } from '@nestjs/common';
import { AccessService, AuditRepository, pageOf, Permission, TenantDb } from '@pmo/core';
import { AuditLogArgs } from './dto/auth.inputs';
import { decodeAuditCursor, encodeAuditCursor } from './validation';

const jsonText = (value: object | null) => (value === null ? null : JSON.stringify(value));

@Injectable()
export class AuditLogService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly entries: AuditRepository,
  ) {}

  /** A page of entries; each entry's `tenant` is resolved by its field. */
  async list({ tenantId, first, after }: AuditLogArgs) {
    const cursor = after ? decodeAuditCursor(after) : null;
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ_AUDIT, [tenantId]);
      const rows = await this.entries.page(em, tenantId, cursor && { at: cursor.key, id: cursor.id }, first + 1);
      return pageOf(rows, first, ({ atKey, ...row }) => ({
        cursor: encodeAuditCursor(atKey, row.id),
        node: { ...row, before: jsonText(row.before), after: jsonText(row.after) },
      }));
    });
  }
}

// The tenant tree: reading tenants (what RLS lets the caller see: their subtrees and,
// by identity only, their ancestors) and creating spokes.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { TenantKind } from '@pmo/shared';
import {
  AccessService,
  AuditService,
  checkText,
  groupByKeys,
  Permission,
  requestLoader,
  requireUuid,
  TenantDb,
  TenantEntity,
  TenantReader,
  toTenantModel,
} from '@pmo/core';
import { TenantModel } from './models/tenant.model';

@Injectable()
export class TenantService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reader: TenantReader,
  ) {}

  /** A visible tenant by id; null when it does not exist or the caller may not see it. */
  find(id: string): Promise<TenantModel | null> {
    return this.reader.load(requireUuid(id, 'id'));
  }

  /** The visible children: siblings of the caller's own tenants stay hidden. */
  children(parentId: string): Promise<TenantModel[]> {
    return requestLoader<string, TenantModel[]>('tenant.children', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await em.getRepository(TenantEntity).find({ where: { parentId: In([...ids]) }, order: { name: 'ASC' } });
          return groupByKeys(ids, rows.map(toTenantModel), (tenant) => tenant.parentId as string);
        },
        { fresh: true },
      ),
    ).load(parentId);
  }

  async createSpoke(parentId: string, rawName: string): Promise<TenantModel> {
    const name = checkText(rawName, 'name');
    return this.db.transaction(async (em) => {
      const parentKey = requireUuid(parentId, 'parentId');
      await this.access.require(em, Permission.MANAGE_TENANTS, [parentKey]);
      const parent = await em.getRepository(TenantEntity).findOneByOrFail({ id: parentKey });
      const spoke: TenantEntity = {
        id: randomUUID(),
        orgId: parent.orgId,
        parentId: parent.id,
        kind: TenantKind.SPOKE,
        name,
        depth: parent.depth + 1,
        path: [...parent.path, ''],
        createdAt: new Date(),
      };
      spoke.path[spoke.path.length - 1] = spoke.id;
      // Plain INSERT: the new tenant joins the caller's visible set only once re-entered.
      await em.query('INSERT INTO tenants (id, org_id, parent_id, kind, name, depth, path) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        spoke.id,
        spoke.orgId,
        spoke.parentId,
        spoke.kind,
        spoke.name,
        spoke.depth,
        spoke.path,
      ]);
      await this.db.refreshContext(em);
      await this.audit.record(em, {
        tenantId: spoke.id,
        orgId: spoke.orgId,
        entity: 'tenant',
        entityId: spoke.id,
        action: 'create',
        after: { name, parentId: parent.id },
      });
      return toTenantModel(spoke);
    });
  }
}

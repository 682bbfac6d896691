// The tenant tree: reading tenants (what RLS lets the caller see: their subtrees and,
// by identity only, their ancestors) and creating spokes.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantKind } from '@pmo/shared';
import {
  AccessService,
  AuditService,
  groupByKeys,
  notFound,
  Permission,
  requestLoader,
  TenantDb,
  TenantReader,
  TenantRepository,
  toTenantModel,
} from '@pmo/core';
import { CreateSpokeInput } from './dto/auth.inputs';
import { TenantModel } from './models/tenant.model';

@Injectable()
export class TenantService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly reader: TenantReader,
    private readonly tenants: TenantRepository,
  ) {}

  /** A visible tenant by id; null when it does not exist or the caller may not see it. */
  find(id: string): Promise<TenantModel | null> {
    return this.reader.load(id);
  }

  /** The visible children: siblings of the caller's own tenants stay hidden. */
  children(parentId: string): Promise<TenantModel[]> {
    return requestLoader<string, TenantModel[]>('tenant.children', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await this.tenants.childrenOf(em, ids);
          return groupByKeys(ids, rows.map(toTenantModel), (tenant) => tenant.parentId as string);
        },
        { fresh: true },
      ),
    ).load(parentId);
  }

  async createSpoke({ parentId, name }: CreateSpokeInput): Promise<TenantModel> {
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.MANAGE_TENANTS, [parentId]);
      const parent = await this.tenants.byId(em, parentId);
      if (!parent) throw notFound('Tenant');
      const id = randomUUID();
      const spoke = { id, orgId: parent.orgId, parentId: parent.id, kind: TenantKind.SPOKE, name, depth: parent.depth + 1, path: [...parent.path, id] };
      await this.tenants.insert(em, [spoke]);
      // The new tenant joins the caller's visible set only once the context is entered again.
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

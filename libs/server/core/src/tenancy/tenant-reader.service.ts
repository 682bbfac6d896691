// Tenants by id for any feature's `tenant` field: batched per request, through RLS
// (null when the caller may not see the tenant).
import { Injectable } from '@nestjs/common';
import { TenantDb } from '../database/tenant-db';
import { byKeys, loadNow, requestLoader } from '../graphql/loaders';
import { TenantModel } from '../graphql/tenant.model';
import { TenantEntity } from './tenant.entity';
import { TenantRepository } from './tenant.repository';

export const toTenantModel = (row: Pick<TenantEntity, 'id' | 'name' | 'kind' | 'depth' | 'parentId'>): TenantModel => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  depth: row.depth,
  parentId: row.parentId,
});

@Injectable()
export class TenantReader {
  constructor(
    private readonly db: TenantDb,
    private readonly tenants: TenantRepository,
  ) {}

  /** `id` in any case: rows come back with the database's lowercase ids, matched to keys in that form. */
  load(id: string): Promise<TenantModel | null> {
    return this.loader().load(id.toLowerCase());
  }

  /** `load`, or the tenant itself when this request's batches have read it already (see loadNow). */
  loadNow(id: string): TenantModel | null | Promise<TenantModel | null> {
    return loadNow(this.loader(), id.toLowerCase());
  }

  private loader() {
    return requestLoader<string, TenantModel | null>('tenant.byId', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.tenants.modelsByIds(em, ids), (tenant) => tenant.id), { fresh: true }),
    );
  }
}

// Tenants by id for any feature's `tenant` field: batched per request, through RLS
// (null when the caller may not see the tenant).
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import { byKeys, requestLoader } from '../graphql/loaders';
import { TenantModel } from '../graphql/tenant.model';
import { TenantEntity } from './tenant.entity';

export const toTenantModel = (row: TenantEntity): TenantModel => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  depth: row.depth,
  parentId: row.parentId,
});

@Injectable()
export class TenantReader {
  constructor(private readonly db: TenantDb) {}

  load(id: string): Promise<TenantModel | null> {
    return requestLoader<string, TenantModel | null>('tenant.byId', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await em.getRepository(TenantEntity).findBy({ id: In([...ids]) });
          return byKeys(ids, rows.map(toTenantModel), (tenant) => tenant.id);
        },
        { fresh: true },
      ),
    ).load(id);
  }
}

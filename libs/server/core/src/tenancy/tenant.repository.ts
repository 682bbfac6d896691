// Statements on the tenant tree: reads through RLS (the caller's subtrees and, by
// identity, their ancestors) and adding tenants (the database checks their shape).
import { Injectable } from '@nestjs/common';
import { Any, EntityManager } from 'typeorm';
import { TenantKind } from '@pmo/shared';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { run } from '../database/sql';
import type { TenantModel } from '../graphql/tenant.model';
import { TENANT_MODELS_BY_IDS, TENANT_PATHS } from './tenant.sql';
import { TenantEntity } from './tenant.entity';

export interface TenantPath {
  id: string;
  /** Root first, the tenant itself last. */
  path: string[];
}

export type NewTenant = Pick<TenantEntity, 'id' | 'orgId' | 'parentId' | 'kind' | 'name' | 'depth' | 'path'>;

@Injectable()
export class TenantRepository {
  /** The paths of the visible tenants among `ids`. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  paths(em: EntityManager, ids: readonly string[]): Promise<TenantPath[]> {
    // On every authorized request: a named statement, so no query is built per call.
    return run(em, TENANT_PATHS, [ids]);
  }

  /** The visible tenants among `ids`, in the shape of a `tenant` field (TenantReader's batches). */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  modelsByIds(em: EntityManager, ids: readonly string[]): Promise<TenantModel[]> {
    return run(em, TENANT_MODELS_BY_IDS, [ids]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  byId(em: EntityManager, id: string): Promise<TenantEntity | null> {
    return em.findOne(TenantEntity, { where: { id } });
  }

  /** The visible children of each parent, by name. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  childrenOf(em: EntityManager, parentIds: readonly string[]): Promise<TenantEntity[]> {
    return em.find(TenantEntity, { where: { parentId: Any([...parentIds]) }, order: { name: 'ASC' } });
  }

  /** Adds tenants, parents before their children; the caller sees a new one once its context is re-entered. */
  @GenerateSql({
    params: [[{ id: DummyValue.UUID, orgId: DummyValue.UUID, parentId: null, kind: TenantKind.HUB, name: DummyValue.TEXT, depth: 0, path: [DummyValue.UUID] }]],
  })
  async insert(em: EntityManager, tenants: NewTenant[]): Promise<void> {
    // No read-back: RLS hides a new tenant until the caller's context is entered again.
    await em.createQueryBuilder().insert().into(TenantEntity).values(tenants).updateEntity(false).execute();
  }
}

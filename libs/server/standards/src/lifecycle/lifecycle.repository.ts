// The statements of the standards lifecycle, for every standard that plugs into it with
// its table (and table of versions): find, in force at a tenant, create, change, keep a
// published version, list versions.
import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In, QueryDeepPartialEntity } from 'typeorm';
import { DummyValue, GenerateSql, TenantPath } from '@pmo/core';
import { DOCUMENT_TEMPLATES } from '../document-template/document-template.standard';
import { KPI_DEFINITIONS } from '../kpi/kpi-definition.standard';
import { METHODOLOGIES } from '../methodology/methodology.standard';
import { IN_FORCE_BELOW_OWNER } from './lifecycle';
import { StandardTable, VersionTable } from './standard';
import { StandardEntity } from './standard.entity';

const STANDARDS = [KPI_DEFINITIONS, METHODOLOGIES, DOCUMENT_TEMPLATES];
const eachStandard = (...params: unknown[]) => STANDARDS.map((standard) => ({ name: standard.noun, params: [standard, ...params] }));
const eachVersioned = (...params: unknown[]) =>
  STANDARDS.flatMap((standard) => (standard.versions ? [{ name: standard.noun, params: [standard.versions, ...params] }] : []));

@Injectable()
export class LifecycleRepository {
  /** A standard the caller can see: anything in their subtrees, an ancestor's once published (RLS decides). */
  @GenerateSql(...eachStandard(DummyValue.UUID))
  find<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, id: string): Promise<E | null> {
    return em.findOneBy(table.entity, { id } as FindOptionsWhere<E>);
  }

  /** The standards in force at a tenant: all of its own, and its ancestors' published ones; the root's first. */
  @GenerateSql(...eachStandard({ id: DummyValue.UUID_2, path: DummyValue.UUID_SET }))
  inForce<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, tenant: TenantPath): Promise<E[]> {
    const query = em
      .createQueryBuilder(table.entity, 's')
      .where('s.tenantId = :tenant OR (s.status = :below AND s.tenantId = ANY (:path))', { tenant: tenant.id, below: IN_FORCE_BELOW_OWNER, path: tenant.path })
      .orderBy('array_position(CAST(:path AS uuid[]), s.tenantId)');
    for (const order of table.order) query.addOrderBy(order);
    return query.getMany();
  }

  /** Inserts a new standard; returns it with the values the database gave it (status, version, times). */
  @GenerateSql(
    ...STANDARDS.map((standard) => ({
      name: standard.noun,
      params: [standard, { id: DummyValue.UUID, orgId: DummyValue.UUID, tenantId: DummyValue.UUID }],
    })),
  )
  async insert<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, standard: QueryDeepPartialEntity<E> & Pick<E, 'id'>): Promise<E> {
    const { generatedMaps } = await em.insert(table.entity, standard);
    return { ...standard, ...generatedMaps[0] } as E;
  }

  /** Writes `changes` to a standard the caller has locked; returns it as it is now. */
  @GenerateSql(...eachStandard({ id: DummyValue.UUID }, { status: 'PUBLISHED', version: 2 }))
  async update<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, current: E, changes: Partial<E>): Promise<E> {
    // whereEntity reads back what the database sets itself (updated_at) into the object it is given.
    const key = { id: current.id } as E;
    const { generatedMaps } = await em
      .createQueryBuilder()
      .update(table.entity)
      .set(changes as QueryDeepPartialEntity<E>)
      .whereEntity(key)
      .execute();
    return { ...current, ...changes, ...generatedMaps[0] } as E;
  }

  /** Keeps a published version. */
  @GenerateSql(...eachVersioned({}))
  async insertVersion<V extends object>(em: EntityManager, table: VersionTable<V>, version: QueryDeepPartialEntity<V>): Promise<void> {
    // No read-back: nothing the database adds is needed.
    await em.createQueryBuilder().insert().into(table.entity).values(version).updateEntity(false).execute();
  }

  /** The published versions of these standards, newest first. */
  @GenerateSql(...eachVersioned(DummyValue.UUID_SET))
  versions<V extends object>(em: EntityManager, table: VersionTable<V>, standardIds: readonly string[]): Promise<V[]> {
    return em
      .createQueryBuilder(table.entity, 'v')
      .where({ [table.standardId]: In([...standardIds]) } as FindOptionsWhere<V>)
      .orderBy('v.version', 'DESC')
      .getMany();
  }
}

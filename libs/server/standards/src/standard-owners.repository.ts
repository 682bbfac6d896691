// Statements on a standard's owner, for every kind of standard (the lifecycle's three and
// glossary terms): the tenant a new one will belong to, the owner of an existing one, and
// the row itself, locked for a change.
import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { DummyValue, GenerateSql, TenantEntity, TenantPath } from '@pmo/core';
import { DocumentTemplateEntity } from './document-template/document-template.entity';
import { GlossaryTermEntity } from './glossary/glossary-term.entity';
import { KpiDefinitionEntity } from './kpi/kpi-definition.entity';
import { MethodologyEntity } from './methodology/methodology.entity';

/** What every standard's row has: an id and its owner. */
export interface Owned {
  id: string;
  tenantId: string;
}

export type OwnedTable<E extends Owned> = new () => E;

export type OwnerTenant = Pick<TenantEntity, 'id' | 'orgId' | 'path'>;

const TABLES: Array<[string, OwnedTable<Owned>]> = [
  ['kpi_definitions', KpiDefinitionEntity],
  ['methodologies', MethodologyEntity],
  ['document_templates', DocumentTemplateEntity],
  ['glossary_terms', GlossaryTermEntity],
];
const eachTable = (...params: unknown[]) => TABLES.map(([name, table]) => ({ name, params: [table, ...params] }));

@Injectable()
export class StandardOwnersRepository {
  /** A tenant the caller can see, with its organization and path. */
  @GenerateSql({ params: [DummyValue.UUID] })
  tenant(em: EntityManager, id: string): Promise<OwnerTenant | null> {
    return em.findOne(TenantEntity, { select: { id: true, orgId: true, path: true }, where: { id } });
  }

  /** The owner of a standard the caller can see (a standard's owner is always visible to whoever sees it). */
  @GenerateSql(...eachTable(DummyValue.UUID))
  async ownerOf<E extends Owned>(em: EntityManager, table: OwnedTable<E>, id: string): Promise<TenantPath | null> {
    const owner = await em
      .createQueryBuilder(table, 's')
      .innerJoin(TenantEntity, 't', 't.id = s.tenantId')
      .select('t.id', 'id')
      .addSelect('t.path', 'path')
      .where('s.id = :id', { id })
      .getRawOne<TenantPath>();
    return owner ?? null;
  }

  /** The standard's row, locked until the transaction ends; null unless the caller may change it. */
  @GenerateSql(...eachTable(DummyValue.UUID))
  lock<E extends Owned>(em: EntityManager, table: OwnedTable<E>, id: string): Promise<E | null> {
    return em.findOne(table, { where: { id } as FindOptionsWhere<E>, lock: { mode: 'pessimistic_write' } });
  }
}

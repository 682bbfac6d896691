// The statements of the standards lifecycle, for every standard that plugs into it with
// its table (and table of versions): find, in force at a tenant, create, change, keep a
// published version, list versions.
import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In, QueryDeepPartialEntity } from 'typeorm';
import { KpiAggregation, KpiDirection, StandardStatus } from '@pmo/shared';
import { DummyValue, GenerateSql, TenantPath } from '@pmo/core';
import { DocumentKind } from '../document-template/document-template.model';
import { DOCUMENT_TEMPLATES } from '../document-template/document-template.standard';
import { KpiDefinitionEntity } from '../kpi/kpi-definition.entity';
import { KPI_DEFINITIONS } from '../kpi/kpi-definition.standard';
import { MethodologyEntity } from '../methodology/methodology.entity';
import { DEFAULT_CADENCE } from '../methodology/methodology.rules';
import { METHODOLOGIES } from '../methodology/methodology.standard';
import { IN_FORCE_BELOW_OWNER } from './lifecycle';
import { StandardTable, VersionTable } from './standard';
import { StandardEntity } from './standard.entity';

/** Example rows of each standard that plugs in, for the recorded SQL. */
const owned = { id: DummyValue.UUID, orgId: DummyValue.UUID, tenantId: DummyValue.UUID };
const EXAMPLES = [
  {
    standard: KPI_DEFINITIONS,
    fields: {
      key: 'cpi',
      name: DummyValue.TEXT,
      description: null,
      unit: null,
      aggregation: KpiAggregation.AVG,
      direction: KpiDirection.HIGHER_IS_BETTER,
      greenThreshold: 1,
      amberThreshold: 0.9,
      mandatory: false,
    },
    edit: { name: DummyValue.TEXT, description: null, unit: null, mandatory: true, greenThreshold: 1, amberThreshold: 0.9, version: 2 },
  },
  {
    standard: METHODOLOGIES,
    fields: { name: DummyValue.TEXT, description: null, definition: { phases: [], milestones: [], cadence: DEFAULT_CADENCE } },
    edit: { name: DummyValue.TEXT, description: null, definition: { phases: [], milestones: [], cadence: DEFAULT_CADENCE }, version: 2 },
  },
  {
    standard: DOCUMENT_TEMPLATES,
    fields: { title: DummyValue.TEXT, kind: DocumentKind.CHARTER, body: '## Scope' },
    edit: { title: DummyValue.TEXT, kind: DocumentKind.CHARTER, body: '## Scope', version: 2 },
  },
];
const published = { ...owned, status: StandardStatus.PUBLISHED, version: 1, createdAt: DummyValue.TIMESTAMP, updatedAt: DummyValue.TIMESTAMP };

const eachStandard = (params: (example: (typeof EXAMPLES)[number]) => unknown[]) =>
  EXAMPLES.map((example) => ({ name: example.standard.noun, params: [example.standard, ...params(example)] }));

@Injectable()
export class LifecycleRepository {
  /** A standard the caller can see: anything in their subtrees, an ancestor's once published (RLS decides). */
  @GenerateSql(...eachStandard(() => [DummyValue.UUID]))
  find<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, id: string): Promise<E | null> {
    return em.findOneBy(table.entity, { id } as FindOptionsWhere<E>);
  }

  /** The standards in force at a tenant: all of its own, and its ancestors' published ones; the root's first. */
  @GenerateSql(...eachStandard(() => [{ id: DummyValue.UUID_2, path: DummyValue.UUID_SET }]))
  inForce<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, tenant: TenantPath): Promise<E[]> {
    const query = em
      .createQueryBuilder(table.entity, 's')
      .where('s.tenantId = :tenant OR (s.status = :below AND s.tenantId = ANY (:path))', { tenant: tenant.id, below: IN_FORCE_BELOW_OWNER, path: tenant.path })
      .orderBy('array_position(CAST(:path AS uuid[]), s.tenantId)');
    for (const order of table.order) query.addOrderBy(order);
    return query.getMany();
  }

  /** Inserts a new standard; returns it with the values the database gave it (status, version, times). */
  @GenerateSql(...eachStandard(({ fields }) => [{ ...owned, ...fields }]))
  async insert<E extends StandardEntity>(em: EntityManager, table: StandardTable<E>, standard: QueryDeepPartialEntity<E> & Pick<E, 'id'>): Promise<E> {
    const { generatedMaps } = await em.insert(table.entity, standard);
    return { ...standard, ...generatedMaps[0] } as E;
  }

  /** Writes `changes` to a standard the caller has locked; returns it as it is now. */
  @GenerateSql(
    ...eachStandard(() => [{ id: DummyValue.UUID }, { status: StandardStatus.PUBLISHED }]).map((example) => ({ ...example, name: `${example.name}: status` })),
    ...eachStandard(({ edit }) => [{ id: DummyValue.UUID }, edit]).map((example) => ({ ...example, name: `${example.name}: edit` })),
  )
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
  @GenerateSql(
    {
      name: KPI_DEFINITIONS.noun,
      params: [KPI_DEFINITIONS.versions, KPI_DEFINITIONS.versions.of({ ...published, ...EXAMPLES[0].fields } as KpiDefinitionEntity)],
    },
    { name: METHODOLOGIES.noun, params: [METHODOLOGIES.versions, METHODOLOGIES.versions.of({ ...published, ...EXAMPLES[1].fields } as MethodologyEntity)] },
  )
  async insertVersion<V extends object>(em: EntityManager, table: VersionTable<V>, version: QueryDeepPartialEntity<V>): Promise<void> {
    // No read-back: nothing the database adds is needed.
    await em.createQueryBuilder().insert().into(table.entity).values(version).updateEntity(false).execute();
  }

  /** The published versions of these standards, newest first. */
  @GenerateSql(
    { name: KPI_DEFINITIONS.noun, params: [KPI_DEFINITIONS.versions, DummyValue.UUID_SET] },
    { name: METHODOLOGIES.noun, params: [METHODOLOGIES.versions, DummyValue.UUID_SET] },
  )
  versions<V extends object>(em: EntityManager, table: VersionTable<V>, standardIds: readonly string[]): Promise<V[]> {
    return em
      .createQueryBuilder(table.entity, 'v')
      .where({ [table.standardId]: In([...standardIds]) } as FindOptionsWhere<V>)
      .orderBy('v.version', 'DESC')
      .getMany();
  }
}

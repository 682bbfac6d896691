// Statements on glossary terms: a tenant's glossary, and writing a term (finding and
// locking one is the standards' owners' part).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '@pmo/core';
import { GlossaryTermEntity } from './glossary-term.entity';

export type NewGlossaryTerm = Pick<GlossaryTermEntity, 'id' | 'orgId' | 'tenantId' | 'term' | 'definition'>;

@Injectable()
export class GlossaryRepository {
  /** The terms of these owners (a tenant's path), alphabetically; the nearer owner's first on a tie. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  glossary(em: EntityManager, owners: string[]): Promise<GlossaryTermEntity[]> {
    return em
      .createQueryBuilder(GlossaryTermEntity, 'g')
      .where('g.tenantId = ANY (:owners)', { owners })
      .orderBy('lower(g.term)')
      .addOrderBy('array_position(CAST(:owners AS uuid[]), g.tenantId)', 'DESC')
      .getMany();
  }

  /** Returns the term with the values the database gave it. */
  @GenerateSql({ params: [{ id: DummyValue.UUID, orgId: DummyValue.UUID, tenantId: DummyValue.UUID, term: DummyValue.TEXT, definition: DummyValue.TEXT }] })
  async insert(em: EntityManager, term: NewGlossaryTerm): Promise<GlossaryTermEntity> {
    const { generatedMaps } = await em.insert(GlossaryTermEntity, term);
    return { ...term, ...generatedMaps[0] } as GlossaryTermEntity;
  }

  /** Writes `changes` to a term the caller has locked; returns it as it is now. */
  @GenerateSql({ params: [{ id: DummyValue.UUID }, { term: DummyValue.TEXT, definition: DummyValue.TEXT }] })
  async update(em: EntityManager, current: GlossaryTermEntity, changes: Pick<GlossaryTermEntity, 'term' | 'definition'>): Promise<GlossaryTermEntity> {
    // whereEntity reads back what the database sets itself (updated_at) into the object it is given.
    const key = { id: current.id } as GlossaryTermEntity;
    const { generatedMaps } = await em.createQueryBuilder().update(GlossaryTermEntity).set(changes).whereEntity(key).execute();
    return { ...current, ...changes, ...generatedMaps[0] } as GlossaryTermEntity;
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(GlossaryTermEntity, { id });
  }
}

// Statements on programs: creating one, reading them by id and a tenant's own list.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run, TenantEntity } from '@pmo/core';
import { ProgramEntity } from './program.entity';
import { PROGRAMS_BY_IDS } from './program.sql';

export type NewProgram = Omit<ProgramEntity, 'createdAt'>;

@Injectable()
export class ProgramRepository {
  /** False, writing nothing, when the tenant has a program of that name (in any letter case). */
  @GenerateSql({ params: [{ id: DummyValue.UUID, orgId: DummyValue.UUID, tenantId: DummyValue.UUID, name: DummyValue.TEXT, description: null }] })
  async insert(em: EntityManager, program: NewProgram): Promise<boolean> {
    const inserted = await em.createQueryBuilder().insert().into(ProgramEntity).values(program).orIgnore().returning('id').updateEntity(false).execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  findById(em: EntityManager, id: string): Promise<ProgramEntity | null> {
    return em.findOneBy(ProgramEntity, { id });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  findByIds(em: EntityManager, ids: readonly string[]): Promise<ProgramEntity[]> {
    return run(em, PROGRAMS_BY_IDS, [ids]);
  }

  /** The tenant's own programs, by name. */
  @GenerateSql({ params: [DummyValue.UUID] })
  listByTenant(em: EntityManager, tenantId: string): Promise<ProgramEntity[]> {
    return em.createQueryBuilder(ProgramEntity, 'g').where('g.tenantId = :tenantId', { tenantId }).orderBy('lower(g.name)').addOrderBy('g.id').getMany();
  }

  /** The organization of a tenant the caller can see. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async orgOf(em: EntityManager, tenantId: string): Promise<string | null> {
    const tenant = await em.findOne(TenantEntity, { select: { id: true, orgId: true }, where: { id: tenantId } });
    return tenant?.orgId ?? null;
  }
}

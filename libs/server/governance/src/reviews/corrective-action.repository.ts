// Statements of corrective actions, from findings and from gate conditions alike: adding
// them, their state changes, and the reads of lists (a subtree's, a finding's).
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql } from '@pmo/core';
import { ActionState } from './review.rules';
import { CorrectiveActionEntity } from './corrective-action.entity';

export type NewAction = Pick<
  CorrectiveActionEntity,
  'id' | 'projectId' | 'tenantId' | 'orgId' | 'reviewId' | 'findingId' | 'gateReviewId' | 'description' | 'ownerId' | 'dueDate' | 'createdBy'
>;
export type ActionChange = Pick<CorrectiveActionEntity, 'state'> & Partial<Pick<CorrectiveActionEntity, 'doneBy' | 'verifiedBy'>>;

const action: NewAction = {
  id: DummyValue.UUID,
  projectId: DummyValue.UUID,
  tenantId: DummyValue.UUID,
  orgId: DummyValue.UUID,
  reviewId: DummyValue.UUID,
  findingId: DummyValue.UUID,
  gateReviewId: null,
  description: DummyValue.TEXT,
  ownerId: DummyValue.UUID_2,
  dueDate: DummyValue.DATE,
  createdBy: DummyValue.UUID,
};

@Injectable()
export class CorrectiveActionRepository {
  @GenerateSql({ params: [[action]] })
  async add(em: EntityManager, actions: readonly NewAction[]): Promise<void> {
    if (actions.length)
      await em
        .createQueryBuilder()
        .insert()
        .into(CorrectiveActionEntity)
        .values([...actions])
        .updateEntity(false)
        .execute();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byIds(em: EntityManager, ids: readonly string[]): Promise<CorrectiveActionEntity[]> {
    return em.find(CorrectiveActionEntity, { where: { id: In([...ids]) } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  lock(em: EntityManager, id: string): Promise<CorrectiveActionEntity | null> {
    return em.createQueryBuilder(CorrectiveActionEntity, 'a').where('a.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byFindings(em: EntityManager, findingIds: readonly string[]): Promise<CorrectiveActionEntity[]> {
    return em.find(CorrectiveActionEntity, { where: { findingId: In([...findingIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The actions of a tenant's whole subtree by due date; with `overdueOn` (YYYY-MM-DD), only those OPEN and due before it. */
  @GenerateSql({ name: 'all', params: [DummyValue.UUID, null] }, { name: 'overdue', params: [DummyValue.UUID, DummyValue.DATE] })
  inSubtree(em: EntityManager, tenantId: string, overdueOn: string | null): Promise<CorrectiveActionEntity[]> {
    const rows = em
      .createQueryBuilder(CorrectiveActionEntity, 'a')
      .where('a.tenantId IN (SELECT t.id FROM tenants t WHERE t.path @> ARRAY[CAST(:tenantId AS uuid)])', { tenantId });
    if (overdueOn) rows.andWhere('a.state = :open AND a.dueDate < :overdueOn', { open: ActionState.OPEN, overdueOn });
    return rows.orderBy('a.dueDate', 'ASC').addOrderBy('a.id', 'ASC').getMany();
  }

  @GenerateSql(
    { name: 'done', params: [DummyValue.UUID, { state: ActionState.DONE, doneBy: DummyValue.UUID_2 }] },
    { name: 'verified', params: [DummyValue.UUID, { state: ActionState.VERIFIED, verifiedBy: DummyValue.UUID_2 }] },
  )
  async change(em: EntityManager, id: string, change: ActionChange): Promise<void> {
    const at = () => 'now()';
    const set =
      change.state === ActionState.DONE
        ? { state: change.state, doneBy: change.doneBy, doneAt: at }
        : { state: change.state, verifiedBy: change.verifiedBy, verifiedAt: at };
    await em.createQueryBuilder().update(CorrectiveActionEntity).set(set).where('id = :id', { id }).execute();
  }
}

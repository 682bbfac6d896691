// Every statement of the shared resource pool: resources, allocations, the cross-branch
// answers of the definer functions, and the load and summary by week (resource.sql.ts).
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql, run, runOne } from '@pmo/core';
import { ResourceAllocationEntity } from './resource-allocation.entity';
import { ResourceEntity } from './resource.entity';
import { AllocationKind, AllocationState } from './resource.rules';
import {
  ALLOCATION_PROJECT,
  AllocationProjectRow,
  CAPACITY_SUMMARY,
  CapacityWeekRow,
  HARD_WEEKS,
  HardWeekRow,
  LOCK_RESOURCE,
  LockedResourceRow,
  ORG_MEMBERS,
  PROJECT_CARDS,
  ProjectCardRow,
  RESOURCE_HOMES,
  RESOURCE_LOAD,
  RESOURCE_SUBTREE,
  ResourceHomeRow,
  ResourceWeekRow,
} from './resource.sql';

export type NewResource = Omit<ResourceEntity, 'createdAt'>;
export type NewAllocation = Omit<ResourceAllocationEntity, 'requestedAt' | 'decidedBy' | 'decidedAt'>;

@Injectable()
export class ResourceRepository {
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        name: DummyValue.TEXT,
        skills: ['typescript'],
        weeklyCapacityHours: '40',
        userId: null,
        createdBy: DummyValue.UUID_2,
      },
    ],
  })
  async create(em: EntityManager, resource: NewResource): Promise<ResourceEntity> {
    const [row]: Array<{ created_at: Date }> = (
      await em.createQueryBuilder().insert().into(ResourceEntity).values(resource).returning('created_at').updateEntity(false).execute()
    ).raw;
    return { ...resource, createdAt: row.created_at };
  }

  /** Resources homed at these tenants, optionally with a skill, by name. */
  @GenerateSql({ name: 'all', params: [DummyValue.UUID_SET, null] }, { name: 'with a skill', params: [DummyValue.UUID_SET, 'typescript'] })
  list(em: EntityManager, tenantIds: readonly string[], skill: string | null): Promise<ResourceEntity[]> {
    const query = em.createQueryBuilder(ResourceEntity, 'r').where('r.tenantId IN (:...tenantIds)', { tenantIds: [...tenantIds] });
    // @> rather than = ANY: the GIN index on skills answers it.
    if (skill !== null) query.andWhere('r.skills @> ARRAY[CAST(:skill AS text)]', { skill });
    return query.orderBy('r.name').addOrderBy('r.id').getMany();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byIds(em: EntityManager, ids: readonly string[]): Promise<ResourceEntity[]> {
    return em.find(ResourceEntity, { where: { id: In([...ids]) } });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  homes(em: EntityManager, tenantIds: readonly string[]): Promise<ResourceHomeRow[]> {
    return run(em, RESOURCE_HOMES, [[...tenantIds]]);
  }

  /** The tenant's subtree's ids, for a member of its organization (empty otherwise). */
  @GenerateSql({ params: [DummyValue.UUID] })
  async subtree(em: EntityManager, tenantId: string): Promise<string[]> {
    return (await runOne(em, RESOURCE_SUBTREE, [tenantId]))?.ids ?? [];
  }

  /** Locks a resource of the caller's organization until the transaction ends; null when there is none. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async lock(em: EntityManager, resourceId: string): Promise<LockedResourceRow | null> {
    return (await runOne(em, LOCK_RESOURCE, [resourceId])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID, '2026-11-23', '2026-12-28', DummyValue.UUID_2] })
  hardWeeks(em: EntityManager, resourceId: string, fromDay: string, toDay: string, except: string | null): Promise<HardWeekRow[]> {
    return run(em, HARD_WEEKS, [resourceId, fromDay, toDay, except]);
  }

  @GenerateSql({ params: [DummyValue.UUID_SET, DummyValue.UUID] })
  async orgMembers(em: EntityManager, userIds: readonly string[], orgId: string): Promise<Set<string>> {
    return new Set((await run(em, ORG_MEMBERS, [[...userIds], orgId])).map((row) => row.userId));
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async project(em: EntityManager, projectId: string): Promise<AllocationProjectRow | null> {
    return (await runOne(em, ALLOCATION_PROJECT, [projectId])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  projectCards(em: EntityManager, projectIds: readonly string[]): Promise<ProjectCardRow[]> {
    return run(em, PROJECT_CARDS, [[...projectIds]]);
  }

  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        resourceId: DummyValue.UUID_2,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        projectId: DummyValue.UUID_2,
        projectTenantId: DummyValue.UUID,
        borrowed: false,
        fromWeek: '2026-11-23',
        toWeek: '2026-12-28',
        hoursPerWeek: '20',
        kind: AllocationKind.HARD,
        state: AllocationState.APPROVED,
        requestedBy: DummyValue.UUID_2,
      },
    ],
  })
  async allocate(em: EntityManager, allocation: NewAllocation): Promise<ResourceAllocationEntity> {
    const [row]: Array<{ requested_at: Date }> = (
      await em.createQueryBuilder().insert().into(ResourceAllocationEntity).values(allocation).returning('requested_at').updateEntity(false).execute()
    ).raw;
    return { ...allocation, requestedAt: row.requested_at, decidedBy: null, decidedAt: null };
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  findAllocation(em: EntityManager, id: string): Promise<ResourceAllocationEntity | null> {
    return em.findOne(ResourceAllocationEntity, { where: { id } });
  }

  /** Approves or rejects a REQUESTED allocation; false when it was not (or no longer) REQUESTED. */
  @GenerateSql({ params: [DummyValue.UUID, AllocationState.APPROVED, DummyValue.UUID_2] })
  async decide(em: EntityManager, id: string, state: AllocationState, userId: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ResourceAllocationEntity)
      .set({ state, decidedBy: userId, decidedAt: () => 'now()' })
      .where('id = :id AND state = :requested', { id, requested: AllocationState.REQUESTED })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Allocations of resources homed at, or to projects of, these tenants; by first week. */
  @GenerateSql({ name: 'all', params: [DummyValue.UUID_SET, null] }, { name: 'in states', params: [DummyValue.UUID_SET, [AllocationState.REQUESTED]] })
  allocations(em: EntityManager, tenantIds: readonly string[], states: readonly AllocationState[] | null): Promise<ResourceAllocationEntity[]> {
    const query = em
      .createQueryBuilder(ResourceAllocationEntity, 'a')
      .where('(a.tenantId IN (:...tenantIds) OR a.projectTenantId IN (:...tenantIds))', { tenantIds: [...tenantIds] });
    if (states) query.andWhere('a.state IN (:...states)', { states: [...states] });
    return query.orderBy('a.fromWeek').addOrderBy('a.requestedAt').addOrderBy('a.id').getMany();
  }

  @GenerateSql(
    { name: 'every week', params: [DummyValue.UUID, '2026-11-23', '2027-02-22', false] },
    { name: 'over-allocated only', params: [DummyValue.UUID, '2026-11-23', '2027-02-22', true] },
  )
  load(em: EntityManager, tenantId: string, fromDay: string, toDay: string, overAllocatedOnly: boolean): Promise<ResourceWeekRow[]> {
    return run(em, RESOURCE_LOAD, [tenantId, fromDay, toDay, overAllocatedOnly]);
  }

  @GenerateSql({ params: [DummyValue.UUID, '2026-11-23', '2027-02-22'] })
  summary(em: EntityManager, tenantId: string, fromDay: string, toDay: string): Promise<CapacityWeekRow[]> {
    return run(em, CAPACITY_SUMMARY, [tenantId, fromDay, toDay]);
  }
}

// The shared resource pool: PMOs home resources at their tenants; a project's manager or a
// PMO above it allocates them by ISO week, at once within the home's subtree and as a
// request elsewhere, which the home's PMOs approve or reject. HARD allocations never
// exceed a week's capacity: each allocation and approval locks the resource's row, checks
// the approved HARD hours and writes in one transaction, so concurrent ones take turns.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  AuditService,
  badInput,
  byKeys,
  currentContext,
  DomainError,
  forbidden,
  notFound,
  OutboxService,
  Permission,
  requestLoader,
  TenantDb,
  TenantModel,
  TenantRepository,
} from '@pmo/core';
import { checkWeekRange, weekOf } from './iso-week';
import { ALLOCATION_DECIDED_JOB, ALLOCATION_REQUESTED_JOB } from './resource-events.jobs';
import { ResourceAllocationEntity } from './resource-allocation.entity';
import { ResourceEntity } from './resource.entity';
import {
  AllocateResourceInput,
  AllocationModel,
  CapacityWeekModel,
  CreateResourceInput,
  normalizeSkill,
  ResourceModel,
  ResourceWeekModel,
  SKILL,
} from './resource.model';
import { ResourceRepository } from './resource.repository';
import { AllocationKind, AllocationState, capacityMisfits, initialState, mayAllocate, mayManagePool, overCapacity } from './resource.rules';
import { ProjectCardRow } from './resource.sql';

const toResource = (r: ResourceEntity, home: TenantModel): ResourceModel => ({
  id: r.id,
  name: r.name,
  skills: r.skills,
  weeklyCapacityHours: Number(r.weeklyCapacityHours),
  userId: r.userId,
  home,
});

const toAllocation = (a: ResourceAllocationEntity): AllocationModel => ({
  id: a.id,
  resourceId: a.resourceId,
  projectId: a.projectId,
  fromWeek: weekOf(a.fromWeek),
  toWeek: weekOf(a.toWeek),
  hoursPerWeek: Number(a.hoursPerWeek),
  kind: a.kind,
  state: a.state,
  requestedAt: a.requestedAt,
  decidedAt: a.decidedAt,
});

@Injectable()
export class ResourceService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly tenants: TenantRepository,
    private readonly resources: ResourceRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(input: CreateResourceInput): Promise<ResourceModel> {
    return this.db.transaction(async (em) => {
      const userId = this.userId();
      const [home] = await this.tenants.paths(em, [input.tenantId]);
      if (!home) throw notFound('Tenant');
      if (!mayManagePool(await this.access.grants(em), home.path))
        throw forbidden('Resources are homed by a PMO_LEAD or ORG_ADMIN of the tenant or an ancestor');
      const orgId = home.path[0];
      if (input.userId && !(await this.resources.orgMembers(em, [input.userId], orgId)).has(input.userId)) {
        throw badInput('userId is not an active member of the organization', { field: 'userId' });
      }
      const resource = await this.resources.create(em, {
        id: randomUUID(),
        tenantId: home.id,
        orgId,
        name: input.name,
        skills: [...new Set(input.skills ?? [])],
        weeklyCapacityHours: String(input.weeklyCapacityHours),
        userId: input.userId ?? null,
        createdBy: userId,
      });
      await this.audit.record(em, {
        tenantId: home.id,
        orgId,
        entity: 'resource',
        entityId: resource.id,
        action: 'create',
        after: { name: resource.name, skills: resource.skills, weeklyCapacityHours: input.weeklyCapacityHours, userId: resource.userId },
      });
      return (await this.withHomes(em, [resource]))[0];
    });
  }

  async allocate(input: AllocateResourceInput): Promise<AllocationModel> {
    const range = checkWeekRange(input.fromWeek, input.toWeek);
    return this.db.transaction(async (em) => {
      const userId = this.userId();
      const project = await this.resources.project(em, input.projectId);
      if (!project) throw notFound('Project');
      if (!mayAllocate(await this.access.grants(em), userId, project)) {
        throw forbidden("Resources are allocated by the project's manager or a PMO_LEAD or ORG_ADMIN of its tenant or an ancestor");
      }
      // From here until commit, allocations of this resource wait for this one.
      const resource = await this.resources.lock(em, input.resourceId);
      if (!resource || resource.orgId !== project.orgId) throw notFound('Resource');
      const state = initialState(resource.tenantId, project.path);
      if (input.kind === AllocationKind.HARD) await this.requireCapacity(em, resource.id, resource.weeklyCapacityHours, range, input.hoursPerWeek, null);
      const allocation = await this.resources.allocate(em, {
        id: randomUUID(),
        resourceId: resource.id,
        tenantId: resource.tenantId,
        orgId: resource.orgId,
        projectId: project.id,
        projectTenantId: project.tenantId,
        borrowed: state === AllocationState.REQUESTED,
        fromWeek: range.fromDay,
        toWeek: range.toDay,
        hoursPerWeek: String(input.hoursPerWeek),
        kind: input.kind,
        state,
        requestedBy: userId,
      });
      const model = toAllocation(allocation);
      // Audited on the project's side: the requester may not write into the home's tenant.
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'resource_allocation',
        entityId: allocation.id,
        action: 'allocate',
        after: {
          resourceId: resource.id,
          projectId: project.id,
          fromWeek: model.fromWeek,
          toWeek: model.toWeek,
          hoursPerWeek: input.hoursPerWeek,
          kind: input.kind,
          state,
        },
      });
      if (state === AllocationState.REQUESTED) {
        await this.outbox.publish(em, project.orgId, ALLOCATION_REQUESTED_JOB, {
          tenantId: project.tenantId,
          allocationId: allocation.id,
          resourceId: resource.id,
          projectId: project.id,
          homeTenantId: resource.tenantId,
          fromWeek: model.fromWeek,
          toWeek: model.toWeek,
          hoursPerWeek: input.hoursPerWeek,
          kind: input.kind,
        });
      }
      return model;
    });
  }

  approve(id: string): Promise<AllocationModel> {
    return this.decide(id, AllocationState.APPROVED);
  }

  reject(id: string): Promise<AllocationModel> {
    return this.decide(id, AllocationState.REJECTED);
  }

  private decide(id: string, decision: AllocationState.APPROVED | AllocationState.REJECTED): Promise<AllocationModel> {
    return this.db.transaction(async (em) => {
      const userId = this.userId();
      const seen = await this.resources.findAllocation(em, id);
      if (!seen) throw notFound('Allocation');
      const [home] = await this.tenants.paths(em, [seen.tenantId]);
      if (!home || !mayManagePool(await this.access.grants(em), home.path)) {
        throw forbidden('Requests are decided by a PMO_LEAD or ORG_ADMIN of the resource’s home tenant or an ancestor');
      }
      // The resource's lock orders this decision with every allocation of the resource; the
      // allocation is read again under it.
      const resource = await this.resources.lock(em, seen.resourceId);
      const allocation = resource && (await this.resources.findAllocation(em, id));
      if (!resource || !allocation) throw notFound('Allocation');
      if (allocation.state !== AllocationState.REQUESTED) throw new DomainError('CONFLICT', `The allocation is already ${allocation.state}`, { field: 'id' });
      if (decision === AllocationState.APPROVED && allocation.kind === AllocationKind.HARD) {
        const range = { fromDay: allocation.fromWeek, toDay: allocation.toWeek };
        await this.requireCapacity(em, resource.id, resource.weeklyCapacityHours, range, Number(allocation.hoursPerWeek), allocation.id);
      }
      await this.resources.decide(em, id, decision, userId);
      const decided = await this.resources.findAllocation(em, id);
      if (!decided) throw notFound('Allocation');
      await this.audit.record(em, {
        tenantId: allocation.tenantId,
        orgId: allocation.orgId,
        entity: 'resource_allocation',
        entityId: id,
        action: decision === AllocationState.APPROVED ? 'approve' : 'reject',
        before: { state: allocation.state },
        after: { state: decision },
      });
      await this.outbox.publish(em, allocation.orgId, ALLOCATION_DECIDED_JOB, {
        tenantId: allocation.tenantId,
        allocationId: id,
        resourceId: allocation.resourceId,
        projectId: allocation.projectId,
        projectTenantId: allocation.projectTenantId,
        state: decision,
      });
      return toAllocation(decided);
    });
  }

  /** Resources homed in a tenant's subtree, for any member of its organization (the pool is shared). */
  async list(tenantId: string, skill: string | null | undefined): Promise<ResourceModel[]> {
    const wanted = skill == null ? null : normalizeSkill(skill);
    if (wanted !== null && !SKILL.test(wanted)) throw badInput('skill must be a tag of letters, digits and + # . _ -', { field: 'skill' });
    return this.db.transaction(async (em) => {
      const subtree = await this.resources.subtree(em, tenantId);
      if (!subtree.length) throw notFound('Tenant');
      return this.withHomes(em, await this.resources.list(em, subtree, wanted));
    });
  }

  /** Allocations of the subtree's resources and to the subtree's projects (what RLS lets the caller see of them). */
  async allocations(tenantId: string, states: AllocationState[] | null | undefined): Promise<AllocationModel[]> {
    return this.db.transaction(async (em) => {
      const subtree = await this.readableSubtree(em, tenantId);
      return (await this.resources.allocations(em, subtree, states?.length ? states : null)).map(toAllocation);
    });
  }

  async load(tenantId: string, fromWeek: string, toWeek: string, overAllocatedOnly: boolean): Promise<ResourceWeekModel[]> {
    const range = checkWeekRange(fromWeek, toWeek);
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [tenantId]);
      const rows = await this.resources.load(em, tenantId, range.fromDay, range.toDay, overAllocatedOnly);
      const ids = [...new Set(rows.map((row) => row.resourceId))];
      const resources = new Map((await this.withHomes(em, ids.length ? await this.resources.byIds(em, ids) : [])).map((r) => [r.id, r]));
      return rows.map((row) => ({
        resource: resources.get(row.resourceId) as ResourceModel,
        week: row.week,
        capacityHours: row.capacityHours,
        hardHours: row.hardHours,
        softHours: row.softHours,
        overAllocated: row.hardHours + row.softHours > row.capacityHours,
      }));
    });
  }

  async summary(tenantId: string, fromWeek: string, toWeek: string): Promise<CapacityWeekModel[]> {
    const range = checkWeekRange(fromWeek, toWeek);
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [tenantId]);
      return (await this.resources.summary(em, tenantId, range.fromDay, range.toDay)).map((row) => ({
        ...row,
        overAllocated: row.hardHours + row.softHours > row.capacityHours,
      }));
    });
  }

  /** Resources by id, batched per request (an allocation's resource). */
  resource(id: string): Promise<ResourceModel | null> {
    return requestLoader<string, ResourceModel | null>('resources.byId', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.withHomes(em, await this.resources.byIds(em, ids)), (r) => r.id), { fresh: true }),
    ).load(id);
  }

  /** An allocation's project, batched per request. */
  project(projectId: string): Promise<ProjectCardRow | null> {
    return requestLoader<string, ProjectCardRow | null>('resources.project', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.resources.projectCards(em, ids), (p) => p.id), { fresh: true }),
    ).load(projectId);
  }

  /** Resources as the API shows them, each with its home's identity (one statement for all). */
  private async withHomes(em: EntityManager, resources: ResourceEntity[]): Promise<ResourceModel[]> {
    if (!resources.length) return [];
    const homes = new Map((await this.resources.homes(em, [...new Set(resources.map((r) => r.tenantId))])).map((home) => [home.id, home]));
    return resources.map((r) => toResource(r, homes.get(r.tenantId) as TenantModel));
  }

  private async requireCapacity(
    em: EntityManager,
    resourceId: string,
    capacityHours: number,
    range: { fromDay: string; toDay: string },
    hoursPerWeek: number,
    except: string | null,
  ): Promise<void> {
    const weeks = await this.resources.hardWeeks(em, resourceId, range.fromDay, range.toDay, except);
    const misfits = capacityMisfits(capacityHours, weeks, hoursPerWeek);
    if (misfits.length) throw overCapacity(misfits);
  }

  /** The subtree of a tenant the caller may read: NOT_FOUND otherwise. */
  private async readableSubtree(em: EntityManager, tenantId: string): Promise<string[]> {
    await this.access.require(em, Permission.READ, [tenantId]);
    return this.resources.subtree(em, tenantId);
  }

  private userId(): string {
    const actor = currentContext().actor;
    if (actor.kind !== 'user') throw forbidden();
    return actor.userId;
  }
}

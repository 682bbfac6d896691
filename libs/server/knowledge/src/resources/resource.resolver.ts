import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType } from '@pmo/core';
import { AllocateResourceInput, AllocationModel, CapacityWeekModel, CreateResourceInput, ResourceModel, ResourceWeekModel } from './resource.model';
import { AllocationState } from './resource.rules';
import { ResourceService } from './resource.service';

/**
 * A parent typed without its class: the global input pipe validates and copies every
 * argument whose type is a class, and a load answers 100,000 of these.
 */
type ParentOf<T> = Readonly<T>;

@Resolver(() => ResourceModel)
export class ResourceResolver {
  constructor(private readonly pool: ResourceService) {}

  @Query(() => [ResourceModel], { description: "Resources homed in a tenant's subtree, for any member of the organization (ask the hub for the whole pool)." })
  resources(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('skill', { type: () => String, nullable: true }) skill?: string | null) {
    return this.pool.list(tenantId, skill);
  }

  @Mutation(() => ResourceModel)
  createResource(@Args('input') input: CreateResourceInput) {
    return this.pool.create(input);
  }
}

@Resolver(() => AllocationModel)
export class AllocationResolver {
  constructor(private readonly pool: ResourceService) {}

  @Query(() => [AllocationModel], { description: "Allocations of the subtree's resources and to the subtree's projects." })
  allocations(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('states', { type: () => [AllocationState], nullable: true }) states?: AllocationState[] | null,
  ) {
    return this.pool.allocations(tenantId, states);
  }

  @Query(() => [ResourceWeekModel], { description: "Each resource homed in the tenant's subtree, each week of the range (at most 106 weeks)." })
  resourceLoad(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('fromWeek') fromWeek: string,
    @Args('toWeek') toWeek: string,
    @Args('overAllocatedOnly', { type: () => Boolean, nullable: true }) overAllocatedOnly?: boolean | null,
  ) {
    return this.pool.load(tenantId, fromWeek, toWeek, overAllocatedOnly ?? false);
  }

  @Query(() => [CapacityWeekModel], { description: "Capacity against demand of the resources homed in a tenant's subtree, week by week." })
  capacitySummary(@Args('tenantId', { type: () => ID }) tenantId: string, @Args('fromWeek') fromWeek: string, @Args('toWeek') toWeek: string) {
    return this.pool.summary(tenantId, fromWeek, toWeek);
  }

  @Mutation(() => AllocationModel)
  allocateResource(@Args('input') input: AllocateResourceInput) {
    return this.pool.allocate(input);
  }

  @Mutation(() => AllocationModel, { description: "By a PMO_LEAD or ORG_ADMIN of the resource's home tenant or an ancestor; HARD hours are checked again." })
  approveAllocation(@Args('id', { type: () => ID }) id: string) {
    return this.pool.approve(id);
  }

  @Mutation(() => AllocationModel)
  rejectAllocation(@Args('id', { type: () => ID }) id: string) {
    return this.pool.reject(id);
  }

  @ResolveField('resource', () => ResourceModel)
  resource(@Parent() allocation: ParentOf<AllocationModel>) {
    return this.pool.resource(allocation.resourceId);
  }

  @ResolveField('project', ProjectType)
  project(@Parent() allocation: ParentOf<AllocationModel>) {
    return this.pool.project(allocation.projectId);
  }
}

import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { CreateMethodologyInput, UpdateMethodologyInput } from './methodology.inputs';
import { MethodologyModel, MethodologyVersionModel } from './methodology.model';
import { MethodologyService } from './methodology.service';

@Resolver(() => MethodologyModel)
export class MethodologyResolver {
  constructor(
    private readonly service: MethodologyService,
    private readonly owners: StandardOwners,
  ) {}

  @Query(() => [MethodologyModel], { description: "The methodologies in force for a tenant: its own and its ancestors' published ones." })
  methodologies(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.service.inForce(tenantId);
  }

  @Query(() => MethodologyModel, { nullable: true })
  methodology(@Args('id', { type: () => ID }) id: string) {
    return this.service.find(id);
  }

  @Mutation(() => MethodologyModel, { description: 'DRAFT' })
  createMethodology(@Args('input') input: CreateMethodologyInput) {
    return this.service.create(input);
  }

  @Mutation(() => MethodologyModel)
  updateMethodology(@Args('input') input: UpdateMethodologyInput) {
    return this.service.update(input);
  }

  @Mutation(() => MethodologyModel, { description: 'PUBLISHED' })
  publishMethodology(@Args('id', { type: () => ID }) id: string) {
    return this.service.publish(id);
  }

  @Mutation(() => MethodologyModel, { description: 'RETIRED' })
  retireMethodology(@Args('id', { type: () => ID }) id: string) {
    return this.service.retire(id);
  }

  @ResolveField(() => TenantModel)
  owner(@Parent() methodology: MethodologyModel) {
    return this.owners.owner(methodology.tenantId);
  }

  @ResolveField(() => [MethodologyVersionModel], { description: 'Published versions, newest first' })
  versions(@Parent() methodology: MethodologyModel) {
    return this.service.versions(methodology.id);
  }
}

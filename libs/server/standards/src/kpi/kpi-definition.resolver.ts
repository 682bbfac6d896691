import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { CreateKpiDefinitionInput, UpdateKpiDefinitionInput } from './kpi-definition.inputs';
import { KpiDefinitionModel, KpiDefinitionVersionModel } from './kpi-definition.model';
import { KpiDefinitionService } from './kpi-definition.service';

@Resolver(() => KpiDefinitionModel)
export class KpiDefinitionResolver {
  constructor(
    private readonly kpis: KpiDefinitionService,
    private readonly owners: StandardOwners,
  ) {}

  @Query(() => [KpiDefinitionModel], { description: "The standards in force for a tenant: its own and its ancestors' definitions." })
  kpiDefinitions(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.kpis.inForce(tenantId);
  }

  @Query(() => KpiDefinitionModel, { nullable: true })
  kpiDefinition(@Args('id', { type: () => ID }) id: string) {
    return this.kpis.find(id);
  }

  @Mutation(() => KpiDefinitionModel, { description: 'DRAFT' })
  createKpiDefinition(@Args('input') input: CreateKpiDefinitionInput) {
    return this.kpis.create(input);
  }

  @Mutation(() => KpiDefinitionModel)
  updateKpiDefinition(@Args('input') input: UpdateKpiDefinitionInput) {
    return this.kpis.update(input);
  }

  @Mutation(() => KpiDefinitionModel, { description: 'PUBLISHED' })
  publishKpiDefinition(@Args('id', { type: () => ID }) id: string) {
    return this.kpis.publish(id);
  }

  @Mutation(() => KpiDefinitionModel, { description: 'RETIRED' })
  retireKpiDefinition(@Args('id', { type: () => ID }) id: string) {
    return this.kpis.retire(id);
  }

  @ResolveField(() => TenantModel, { description: "The tenant that defined it; it applies to the owner's subtree" })
  owner(@Parent() kpi: KpiDefinitionModel) {
    return this.owners.owner(kpi.tenantId);
  }

  @ResolveField(() => [KpiDefinitionVersionModel], { description: 'Published versions, newest first' })
  versions(@Parent() kpi: KpiDefinitionModel) {
    return this.kpis.versions(kpi.id);
  }
}

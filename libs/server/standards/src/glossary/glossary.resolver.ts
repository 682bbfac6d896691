import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel } from '@pmo/core';
import { StandardOwners } from '../standard-owners';
import { CreateGlossaryTermInput, UpdateGlossaryTermInput } from './glossary-term.inputs';
import { GlossaryTermModel } from './glossary-term.model';
import { GlossaryService } from './glossary.service';

@Resolver(() => GlossaryTermModel)
export class GlossaryResolver {
  constructor(
    private readonly glossary: GlossaryService,
    private readonly owners: StandardOwners,
  ) {}

  @Query(() => [GlossaryTermModel], { name: 'glossary', description: "The tenant's own terms and its ancestors'." })
  terms(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.glossary.glossary(tenantId);
  }

  @Mutation(() => GlossaryTermModel)
  createGlossaryTerm(@Args('input') input: CreateGlossaryTermInput) {
    return this.glossary.create(input);
  }

  @Mutation(() => GlossaryTermModel)
  updateGlossaryTerm(@Args('input') input: UpdateGlossaryTermInput) {
    return this.glossary.update(input);
  }

  @Mutation(() => GlossaryTermModel, { description: 'Returns the deleted term' })
  deleteGlossaryTerm(@Args('id', { type: () => ID }) id: string) {
    return this.glossary.delete(id);
  }

  @ResolveField(() => TenantModel)
  owner(@Parent() term: GlossaryTermModel) {
    return this.owners.owner(term.tenantId);
  }
}

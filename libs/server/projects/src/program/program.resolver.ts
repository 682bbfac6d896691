import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel, TenantReader } from '@pmo/core';
import { CreateProgramInput } from './program.inputs';
import { ProgramModel } from './program.model';
import { ProgramService } from './program.service';

// Its field resolvers take the parent as a plain argument, as ProjectResolver's do (why: there).
@Resolver(() => ProgramModel)
export class ProgramResolver {
  constructor(
    private readonly programService: ProgramService,
    private readonly tenants: TenantReader,
  ) {}

  @Mutation(() => ProgramModel)
  createProgram(@Args('input') input: CreateProgramInput) {
    return this.programService.create(input);
  }

  @Query(() => [ProgramModel], { description: "The tenant's own programs." })
  programs(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.programService.list(tenantId);
  }

  @ResolveField(() => TenantModel)
  tenant(program: ProgramModel) {
    return this.tenants.load(program.tenantId);
  }
}

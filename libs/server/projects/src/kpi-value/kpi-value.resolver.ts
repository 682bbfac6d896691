import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { KpiDefinitionModel } from '@pmo/core';
import { ProjectModel } from '../project/project.model';
import { ProjectService } from '../project/project.service';
import { RecordKpiValueInput } from './kpi-value.inputs';
import { KpiValueModel, KpiValueVersionModel } from './kpi-value.model';
import { KpiValueService } from './kpi-value.service';

@Resolver(() => KpiValueModel)
export class KpiValueResolver {
  constructor(
    private readonly values: KpiValueService,
    private readonly projects: ProjectService,
  ) {}

  @Mutation(() => KpiValueModel, { description: 'Replaces any value of the same project, KPI and period.' })
  recordKpiValue(@Args('input') input: RecordKpiValueInput) {
    return this.values.record(input);
  }

  @Mutation(() => [KpiValueModel], { description: 'Up to 5000 values, all or none: errors list every bad row in extensions.rows.' })
  recordKpiValues(@Args('inputs', { type: () => [RecordKpiValueInput] }) inputs: RecordKpiValueInput[]) {
    return this.values.recordMany(inputs);
  }

  @Mutation(() => Boolean, { description: 'False when there was no value to delete.' })
  deleteKpiValue(@Args('projectId', { type: () => ID }) projectId: string, @Args('kpiKey') kpiKey: string, @Args('period') period: string) {
    return this.values.delete(projectId, kpiKey, period);
  }

  @Query(() => [KpiValueModel], { description: "A project's values, newest first: one period's, or the newest 1,200 (ten KPIs over ten years)." })
  kpiValues(@Args('projectId', { type: () => ID }) projectId: string, @Args('period', { type: () => String, nullable: true }) period?: string) {
    return this.values.list(projectId, period);
  }

  @ResolveField(() => ProjectModel)
  project(@Parent() value: KpiValueModel) {
    return this.projects.load(value.projectId);
  }

  @ResolveField(() => KpiDefinitionModel)
  kpi(@Parent() value: KpiValueModel) {
    return this.values.kpi(value.kpiId);
  }

  @ResolveField(() => [KpiValueVersionModel], { description: 'Values it replaced, latest first.' })
  history(@Parent() value: KpiValueModel) {
    return this.values.history(value);
  }
}

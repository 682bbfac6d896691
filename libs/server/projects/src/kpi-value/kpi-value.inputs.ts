import { Field, Float, ID, InputType } from '@nestjs/graphql';

/** Rows are checked one by one in the service (a batch names every bad row), not by declared shape. */
@InputType()
export class RecordKpiValueInput {
  @Field(() => ID) projectId: string;
  @Field({ description: "A published KPI that applies to the project's tenant" }) kpiKey: string;
  @Field({ description: 'YYYY-MM' }) period: string;
  @Field(() => Float, { description: 'Finite, from -1e15 to 1e15' }) value: number;
  @Field(() => Float, { nullable: true, description: 'Greater than 0 and at most 1e15; required for WEIGHTED_AVG KPIs' }) weight?: number;
}

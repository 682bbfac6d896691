import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { KpiAggregation, KpiDirection } from '@pmo/shared';

// The type lives in core so that every feature returning a KPI shares it.
export { KpiDefinitionModel } from '@pmo/core';

@ObjectType('KpiDefinitionVersion', { description: 'A published version of a KPI definition, kept as it was.' })
export class KpiDefinitionVersionModel {
  @Field(() => Int) version: number;
  @Field() key: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) unit: string | null;
  @Field(() => KpiAggregation) aggregation: KpiAggregation;
  @Field(() => KpiDirection) direction: KpiDirection;
  @Field(() => Float, { nullable: true }) greenThreshold: number | null;
  @Field(() => Float, { nullable: true }) amberThreshold: number | null;
  @Field() mandatory: boolean;
  @Field() publishedAt: Date;
  kpiId: string;
}

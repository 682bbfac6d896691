import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { KpiAggregation, KpiDirection } from '@pmo/shared';

@InputType()
export class CreateKpiDefinitionInput {
  @Field(() => ID) tenantId: string;
  @Field() key: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) unit?: string | null;
  @Field(() => KpiAggregation) aggregation: KpiAggregation;
  @Field(() => KpiDirection) direction: KpiDirection;
  @Field(() => Float, { nullable: true }) greenThreshold?: number | null;
  @Field(() => Float, { nullable: true }) amberThreshold?: number | null;
  @Field(() => Boolean, { nullable: true }) mandatory?: boolean | null;
}

@InputType({
  description:
    'Omitted fields keep their value; null clears an optional one. A draft is edited in place; a published definition gets a new version. Aggregation and direction never change.',
})
export class UpdateKpiDefinitionInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) unit?: string | null;
  @Field(() => Float, { nullable: true }) greenThreshold?: number | null;
  @Field(() => Float, { nullable: true }) amberThreshold?: number | null;
  @Field(() => Boolean, { nullable: true }) mandatory?: boolean | null;
}

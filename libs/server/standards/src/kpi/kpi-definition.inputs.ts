import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { KpiAggregation, KpiDirection } from '@pmo/shared';
import { NotNull, OptionalText, Text } from '@pmo/core';
import { KPI_KEY, KPI_KEY_RULE } from './kpi-definition.rules';

@InputType()
export class CreateKpiDefinitionInput {
  @Field(() => ID) tenantId: string;
  @Field() @Matches(KPI_KEY, { message: KPI_KEY_RULE }) key: string;
  @Field() @Text() name: string;
  @Field(() => String, { nullable: true }) @OptionalText(2000) description?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(50) unit?: string | null;
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
  @Field(() => String, { nullable: true }) @NotNull() @IsOptional() @Text() name?: string;
  @Field(() => String, { nullable: true }) @OptionalText(2000) description?: string | null;
  @Field(() => String, { nullable: true }) @OptionalText(50) unit?: string | null;
  @Field(() => Float, { nullable: true }) greenThreshold?: number | null;
  @Field(() => Float, { nullable: true }) amberThreshold?: number | null;
  @Field(() => Boolean, { nullable: true }) @NotNull() mandatory?: boolean;
}

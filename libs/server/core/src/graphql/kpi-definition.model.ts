// The KpiDefinition GraphQL type lives in core: the standards library defines and resolves
// it (its owner), and other features (reported values, rollups) return it.
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { KpiAggregation, KpiDirection, StandardStatus } from '@pmo/shared';
import { TenantModel } from './tenant.model';

@ObjectType('KpiDefinition')
export class KpiDefinitionModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique within an organization; [a-z][a-z0-9_]{1,62}' }) key: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) unit: string | null;
  @Field(() => KpiAggregation) aggregation: KpiAggregation;
  @Field(() => KpiDirection) direction: KpiDirection;
  @Field(() => Float, { nullable: true }) greenThreshold: number | null;
  @Field(() => Float, { nullable: true }) amberThreshold: number | null;
  @Field({ description: 'Every active project under the owner must report it each period' }) mandatory: boolean;
  @Field(() => StandardStatus) status: StandardStatus;
  @Field(() => Int) version: number;
  @Field(() => TenantModel, { description: "The tenant that defined it; it applies to the owner's subtree" }) owner: TenantModel;
  ownerId: string;
}

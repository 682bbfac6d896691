// The KpiDefinition GraphQL type lives in core: the standards library defines and resolves
// it (its owner, its versions), and other features (reported values, rollups) return it.
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { KpiAggregation, KpiDirection, StandardStatus } from '@pmo/shared';

@ObjectType('KpiDefinition', { description: "A KPI standard, in force for its owner's subtree once published." })
export class KpiDefinitionModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique within an organization; [a-z][a-z0-9_]{1,62}' }) key: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) unit: string | null;
  @Field(() => KpiAggregation, { description: 'Fixed once published' }) aggregation: KpiAggregation;
  @Field(() => KpiDirection, { description: 'Fixed once published' }) direction: KpiDirection;
  @Field(() => Float, { nullable: true }) greenThreshold: number | null;
  @Field(() => Float, { nullable: true }) amberThreshold: number | null;
  @Field({ description: 'Every active project under the owner must report it each period' }) mandatory: boolean;
  @Field({ description: 'Kept by the system (compliance): never edited, retired or reported by hand' }) builtIn: boolean;
  @Field(() => StandardStatus) status: StandardStatus;
  @Field(() => Int) version: number;
  @Field() updatedAt: Date;
  /** The owner: the standards library resolves `owner` from it. */
  tenantId: string;
  orgId: string;
}

/** kpi_definitions' columns as KpiDefinitionModel's fields: the one select list for every feature. */
export const KPI_DEFINITION_COLUMNS = `id, key, name, description, unit, aggregation, direction, green_threshold AS "greenThreshold",
  amber_threshold AS "amberThreshold", mandatory, built_in AS "builtIn", status, version, updated_at AS "updatedAt",
  tenant_id AS "tenantId", org_id AS "orgId"`;

import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Rag } from '@pmo/shared';

/** Its id, tenant, KPI and value are resolved from the row (rollup.resolver.ts). */
@ObjectType('KpiRollup', { description: "The KPI over every project in the tenant's subtree, for one period." })
export class KpiRollupModel {
  @Field() period: string;
  @Field(() => Int, { description: 'Projects in the subtree that reported a value for this KPI and period' }) projectCount: number;
  @Field(() => Rag, { nullable: true, description: 'null when the KPI has no thresholds or no project reported' }) rag: Rag | null;
  @Field({ description: 'When this figure was last computed and found changed' }) computedAt: Date;
  tenantId: string;
  kpiId: string;
  /** The exact figure (numeric, as text); null when no project in the subtree reported. */
  figure: string | null;
}

@ObjectType('KpiProjectValue', { description: "A project's own value at a node, in a drill-down." })
export class KpiProjectValueModel {
  @Field() projectId: string;
  @Field() projectCode: string;
  @Field() projectName: string;
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true }) weight: number | null;
}

@ObjectType('KpiDrilldown', { description: "A node's figure split into its children's rollups and its own projects' values." })
export class KpiDrilldownModel {
  @Field(() => KpiRollupModel, { nullable: true }) rollup: KpiRollupModel | null;
  @Field(() => [KpiRollupModel], { description: 'One per visible child tenant that has a figure' }) children: KpiRollupModel[];
  @Field(() => [KpiProjectValueModel], { description: "The node's own projects" }) projects: KpiProjectValueModel[];
}

@ObjectType('RollupFreshness', { description: 'Changes not yet rolled up under a tenant.' })
export class RollupFreshnessModel {
  @Field(() => Int) pendingNodes: number;
  @Field(() => Float, { nullable: true, description: 'Age in seconds of the oldest pending change' }) oldestPendingSeconds: number | null;
}

@ObjectType('RollupRebuild')
export class RollupRebuildModel {
  @Field(() => Int, { description: 'Nodes with figures' }) nodes: number;
  @Field(() => Int, { description: 'Nodes whose stored figure was missing or wrong, and was rewritten' }) written: number;
  @Field(() => Int, { description: 'Nodes left without values, removed' }) removed: number;
  @Field(() => Int) levels: number;
  @Field(() => Float) durationMs: number;
}

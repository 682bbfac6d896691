import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('KpiValue', { description: 'The value a project reported for one KPI and period.' })
export class KpiValueModel {
  @Field({ description: 'YYYY-MM' }) period: string;
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true, description: 'Required (> 0) for WEIGHTED_AVG KPIs' }) weight: number | null;
  @Field(() => ID, { nullable: true }) recordedBy: string | null;
  @Field() recordedAt: Date;
  projectId: string;
  kpiId: string;
}

@ObjectType('KpiValueVersion', { description: 'A value that was replaced or deleted.' })
export class KpiValueVersionModel {
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true }) weight: number | null;
  @Field(() => ID, { nullable: true }) recordedBy: string | null;
  @Field() recordedAt: Date;
  @Field() supersededAt: Date;
  @Field(() => ID, { nullable: true }) supersededBy: string | null;
  @Field({ description: 'REPLACED or DELETED' }) action: string;
}

import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { KpiValueHistoryEntity } from './kpi-value-history.entity';
import { KpiValueEntity } from './kpi-value.entity';

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

/** Values are exact decimals in the table and doubles in the API (as PostgreSQL's float8 cast reads them). */
const figure = (value: string | null) => (value === null ? null : Number(value));

export const kpiValueModel = (row: KpiValueEntity): KpiValueModel => ({
  projectId: row.projectId,
  kpiId: row.kpiId,
  period: row.period,
  value: Number(row.value),
  weight: figure(row.weight),
  recordedBy: row.recordedBy,
  recordedAt: row.recordedAt,
});

export const kpiValueVersionModel = (row: KpiValueHistoryEntity): KpiValueVersionModel => ({
  value: Number(row.value),
  weight: figure(row.weight),
  recordedBy: row.recordedBy,
  recordedAt: row.recordedAt,
  supersededAt: row.supersededAt,
  supersededBy: row.supersededBy,
  action: row.action,
});

import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Period, Text } from '@pmo/core';
import { ObligationState } from './obligation.rules';

registerEnumType(ObligationState, {
  name: 'ObligationState',
  description:
    'DUE: not submitted, not yet due. LATE: past due, within the grace days. MISSING: past the grace days. FULFILLED: first submitted by the due time. FULFILLED_LATE: first submitted after it. WAIVED: waived by a PMO_LEAD or above, with a reason.',
});

@ObjectType('ReportingObligation', {
  description: "A project's status report for one period (YYYY-MM), due at the end of day dueDay (UTC) of the month after it.",
})
export class ReportingObligationModel {
  @Field() period: string;
  @Field() dueAt: Date;
  @Field(() => ObligationState, { description: "As of the query's asOf, now by default" }) state: ObligationState;
  @Field(() => Date, { nullable: true, description: 'When the report was first submitted' }) fulfilledAt: Date | null;
  @Field(() => String, { nullable: true }) waivedReason: string | null;
  projectId: string;
}

@ObjectType('ReportingSummary', { description: "Counts over the projects of a tenant's whole subtree, for one period." })
export class ReportingSummaryModel {
  @Field() period: string;
  @Field(() => Int) expected: number;
  @Field(() => Int) due: number;
  @Field(() => Int) late: number;
  @Field(() => Int) missing: number;
  @Field(() => Int) fulfilled: number;
  @Field(() => Int) fulfilledLate: number;
  @Field(() => Int) waived: number;
  tenantId: string;
}

@ArgsType()
export class WaiveObligationArgs {
  @Field(() => ID) projectId: string;
  @Field({ description: 'YYYY-MM' }) @Period() period: string;
  @Field() @Text(2000) reason: string;
}

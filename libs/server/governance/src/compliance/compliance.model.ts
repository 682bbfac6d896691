import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ComplianceRule } from './compliance.rules';

registerEnumType(ComplianceRule, {
  name: 'ComplianceRule',
  description:
    "REPORT_ON_TIME: the period's obligation is FULFILLED or WAIVED (or still DUE). MANDATORY_KPIS_REPORTED: every mandatory KPI in force has a value for the period (met while the report is still DUE). MILESTONES_ON_TIME: no milestone was LATE at the end of the period (now, for the current period). GATES_PASSED: every phase before the current one passed its gate review (projects that follow a methodology). ACTIONS_ON_TIME: no corrective action was overdue at the end of the period.",
});

@ObjectType('ComplianceCheck')
export class ComplianceCheckModel {
  @Field(() => ComplianceRule) rule: ComplianceRule;
  @Field() met: boolean;
  @Field(() => String, { nullable: true, description: 'What failed' }) detail: string | null;
}

@ObjectType('ComplianceEvaluation', { description: "A project's compliance for a period: the share of the applicable checks it meets." })
export class ComplianceEvaluationModel {
  @Field() period: string;
  @Field(() => Float, { description: '0 to 1' }) score: number;
  @Field(() => [ComplianceCheckModel], { description: 'The applicable ones' }) checks: ComplianceCheckModel[];
  @Field() evaluatedAt: Date;
  projectId: string;
}

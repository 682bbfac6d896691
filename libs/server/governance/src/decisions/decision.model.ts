import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfoModel, Text } from '@pmo/core';
import { Rag } from '@pmo/shared';
import { DecisionKind } from './decision.rules';

registerEnumType(DecisionKind, {
  name: 'DecisionKind',
  description: 'HOLD puts the project ON_HOLD, CANCEL cancels it, CONTINUE makes a held project ACTIVE again, RESCOPE changes no state.',
});

@ObjectType('KpiSnapshot')
export class KpiSnapshotModel {
  @Field() kpiKey: string;
  @Field() period: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Rag, { nullable: true }) rag: Rag | null;
}

@ObjectType('DecisionEvidence', { description: 'The figures as they stood when the decision was recorded; they never change afterwards.' })
export class DecisionEvidenceModel {
  @Field() capturedAt: Date;
  @Field(() => String, { nullable: true, description: 'Of the latest status report, if any' }) period: string | null;
  @Field(() => Rag, { nullable: true }) overall: Rag | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => Float, { nullable: true, description: "The project's compliance score for that period" }) compliance: number | null;
  @Field(() => [KpiSnapshotModel], { description: "The project's values for that period" }) kpis: KpiSnapshotModel[];
}

@ObjectType('PortfolioDecision', { description: 'A decision never changes.' })
export class PortfolioDecisionModel {
  @Field(() => ID) id: string;
  @Field(() => DecisionKind) kind: DecisionKind;
  @Field() rationale: string;
  @Field(() => ID) decidedBy: string;
  @Field() decidedAt: Date;
  @Field(() => DecisionEvidenceModel) evidence: DecisionEvidenceModel;
  projectId: string;
}

@ObjectType('PortfolioDecisionEdge')
export class PortfolioDecisionEdgeModel {
  @Field() cursor: string;
  @Field(() => PortfolioDecisionModel) node: PortfolioDecisionModel;
}

@ObjectType('PortfolioDecisionConnection')
export class PortfolioDecisionConnectionModel {
  @Field(() => [PortfolioDecisionEdgeModel]) edges: PortfolioDecisionEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@InputType({ description: "By an EXECUTIVE or ORG_ADMIN of the project's tenant or an ancestor." })
export class RecordDecisionInput {
  @Field(() => ID) projectId: string;
  @Field(() => DecisionKind) kind: DecisionKind;
  @Field() @Text(4000) rationale: string;
}

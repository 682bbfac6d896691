import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role, StandardStatus } from '@pmo/shared';
import { ReportingFrequency } from './methodology.rules';

registerEnumType(ReportingFrequency, { name: 'ReportingFrequency' });

@ObjectType('PhaseGate', { description: 'The gate that ends a phase: its deliverables and who approves it.' })
export class PhaseGateModel {
  @Field() name: string;
  @Field(() => [String]) deliverables: string[];
  @Field(() => Role) approverRole: Role;
  @Field(() => Int, { description: 'Votes that decide a review of the gate' }) quorum: number;
  @Field(() => Int, {
    nullable: true,
    description: 'The competency level (0 to 5) a voter on a review of the gate must hold: a voter below it is FORBIDDEN, the message naming the level',
  })
  minApproverLevel: number;
}

@ObjectType('MethodologyPhase')
export class MethodologyPhaseModel {
  @Field() name: string;
  @Field(() => PhaseGateModel) gate: PhaseGateModel;
}

@ObjectType('MilestoneTemplate', { description: "A milestone every project following the methodology plans, offsetDays after the project's start." })
export class MilestoneTemplateModel {
  @Field() name: string;
  @Field({ description: 'The name of the phase it belongs to' }) phase: string;
  @Field(() => Int) offsetDays: number;
}

@ObjectType('ReportingCadence')
export class ReportingCadenceModel {
  @Field(() => ReportingFrequency) frequency: ReportingFrequency;
  @Field(() => Int, { description: 'The report for period P is due at the end of this day (UTC) of the month after P (1 to 28)' }) dueDay: number;
  @Field(() => Int, { description: 'Days a report is LATE after its due time before it is MISSING (0 to 28)' }) graceDays: number;
}

@ObjectType('Methodology', { description: "How projects under the owner are run, in force for the owner's subtree once published." })
export class MethodologyModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [MethodologyPhaseModel], { description: 'In order' }) phases: MethodologyPhaseModel[];
  @Field(() => [MilestoneTemplateModel]) milestones: MilestoneTemplateModel[];
  @Field(() => ReportingCadenceModel) cadence: ReportingCadenceModel;
  @Field(() => StandardStatus) status: StandardStatus;
  @Field(() => Int) version: number;
  @Field() updatedAt: Date;
  tenantId: string;
  orgId: string;
}

@ObjectType('MethodologyVersion', { description: 'A published version of a methodology, kept as it was.' })
export class MethodologyVersionModel {
  @Field(() => Int) version: number;
  @Field() name: string;
  @Field(() => [MethodologyPhaseModel]) phases: MethodologyPhaseModel[];
  @Field(() => [MilestoneTemplateModel]) milestones: MilestoneTemplateModel[];
  @Field(() => ReportingCadenceModel) cadence: ReportingCadenceModel;
  @Field() publishedAt: Date;
  methodologyId: string;
}

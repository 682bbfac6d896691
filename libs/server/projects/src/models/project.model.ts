import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfoModel } from '@pmo/core';
import { ProjectState } from '@pmo/shared';
import { MilestoneStatus } from '../rules';

registerEnumType(MilestoneStatus, { name: 'MilestoneStatus', description: 'DONE once completed; LATE when open past its due date.' });

@ObjectType('Program', { description: 'A group of projects inside one tenant.' })
export class ProgramModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field() createdAt: Date;
  tenantId: string;
}

@ObjectType('ProjectManager', { description: 'The member of the tenant who manages a project.' })
export class ProjectManagerModel {
  @Field(() => ID) id: string;
  @Field() email: string;
}

@ObjectType('Project')
export class ProjectModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique within its tenant' }) code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ProjectState) state: ProjectState;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) startDate: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) endDate: string | null;
  @Field(() => Float, { nullable: true }) plannedBudget: number | null;
  @Field(() => Float, { nullable: true }) actualCost: number | null;
  @Field(() => String, { nullable: true, description: 'The phase of its methodology the project is in' }) currentPhase: string | null;
  @Field(() => ID, { nullable: true }) methodologyId: string | null;
  @Field(() => Int, { nullable: true }) methodologyVersion: number | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  tenantId: string;
  orgId: string;
  programId: string | null;
  @Field(() => ID, { nullable: true, description: 'Set even when the caller may not see the manager as a user' }) managerId: string | null;
}

@ObjectType('ProjectEdge')
export class ProjectEdgeModel {
  @Field() cursor: string;
  @Field(() => ProjectModel) node: ProjectModel;
}

@ObjectType('ProjectConnection')
export class ProjectConnectionModel {
  @Field(() => [ProjectEdgeModel]) edges: ProjectEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@ObjectType('ProjectGate', { description: 'The gate that closes a phase.' })
export class ProjectGateModel {
  @Field() name: string;
  @Field(() => [String]) deliverables: string[];
  @Field(() => String, { nullable: true }) approverRole: string | null;
}

@ObjectType('ProjectPhase', { description: "A phase copied from the project's methodology version." })
export class ProjectPhaseModel {
  @Field(() => Int) position: number;
  @Field() name: string;
  @Field(() => ProjectGateModel, { nullable: true }) gate: ProjectGateModel | null;
  projectId: string;
}

@ObjectType('Milestone')
export class MilestoneModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) phase: string | null;
  @Field({ description: 'YYYY-MM-DD' }) dueDate: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) completedOn: string | null;
  projectId: string;
  tenantId: string;
  orgId: string;
}

import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoModel } from '@pmo/core';
import { ProjectState } from '@pmo/shared';
import { ProjectPhaseEntity } from './project-phase.entity';
import { ProjectEntity } from './project.entity';

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
  @Field(() => Int, { nullable: true, description: '1 (the largest) to 3: competency rules set the minimum level of its manager' }) tier: number | null;
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

/** Amounts are exact decimals in the table and doubles in the API (as PostgreSQL's float8 cast reads them). */
const amount = (value: string | null) => (value === null ? null : Number(value));

export const projectModel = (row: ProjectEntity): ProjectModel => ({
  id: row.id,
  orgId: row.orgId,
  tenantId: row.tenantId,
  code: row.code,
  name: row.name,
  description: row.description,
  state: row.state,
  startDate: row.startDate,
  endDate: row.endDate,
  plannedBudget: amount(row.plannedBudget),
  actualCost: amount(row.actualCost),
  currentPhase: row.currentPhase,
  methodologyId: row.methodologyId,
  methodologyVersion: row.methodologyVersion,
  tier: row.tier,
  programId: row.programId,
  managerId: row.managerId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const projectPhaseModel = (row: ProjectPhaseEntity): ProjectPhaseModel => ({
  projectId: row.projectId,
  position: row.position,
  name: row.name,
  gate: row.gateName ? { name: row.gateName, deliverables: row.gateDeliverables, approverRole: row.gateApproverRole } : null,
});

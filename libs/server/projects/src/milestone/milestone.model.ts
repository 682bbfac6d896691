import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MilestoneEntity } from './milestone.entity';
import { MilestoneStatus } from './milestone.rules';

registerEnumType(MilestoneStatus, { name: 'MilestoneStatus', description: 'DONE once completed; LATE when open past its due date.' });

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

export const milestoneModel = (row: MilestoneEntity): MilestoneModel => ({
  id: row.id,
  projectId: row.projectId,
  tenantId: row.tenantId,
  orgId: row.orgId,
  name: row.name,
  phase: row.phase,
  dueDate: row.dueDate,
  completedOn: row.completedOn,
});

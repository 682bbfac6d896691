import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { AddMilestoneInput } from './milestone.inputs';
import { MilestoneModel } from './milestone.model';
import { MilestoneStatus, milestoneStatus } from './milestone.rules';
import { MilestoneService } from './milestone.service';

const today = () => new Date().toISOString().slice(0, 10);

// Its field resolvers take the parent as a plain argument, as ProjectResolver's do (why: there).
@Resolver(() => MilestoneModel)
export class MilestoneResolver {
  constructor(private readonly milestones: MilestoneService) {}

  @Mutation(() => MilestoneModel)
  addMilestone(@Args('input') input: AddMilestoneInput) {
    return this.milestones.add(input);
  }

  @Mutation(() => MilestoneModel)
  completeMilestone(
    @Args('id', { type: () => ID }) id: string,
    @Args('completedOn', { type: () => String, nullable: true, description: 'YYYY-MM-DD; today (UTC) by default' }) completedOn?: string,
  ) {
    return this.milestones.complete(id, completedOn ?? today());
  }

  @ResolveField(() => MilestoneStatus, { description: 'Against today (UTC)' })
  status(milestone: MilestoneModel) {
    return milestoneStatus(milestone.dueDate, milestone.completedOn, today());
  }
}

import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNumber, IsOptional, Matches, Max, ValidateBy } from 'class-validator';
import { TenantModel, Text } from '@pmo/core';
import { isoWeekProblem } from './iso-week';
import { AllocationKind, AllocationState } from './resource.rules';

registerEnumType(AllocationKind, {
  name: 'AllocationKind',
  description: 'HARD never exceeds a week’s capacity; SOFT may, and the week shows as over-allocated.',
});
registerEnumType(AllocationState, { name: 'AllocationState' });

/** Lower-case tags, matched exactly: letters, digits and + # . _ - (e.g. "typescript", "c#", "pmp"). */
export const SKILL = /^[a-z0-9][a-z0-9+#._-]{0,49}$/;
export const MAX_SKILLS = 30;
export const normalizeSkill = (skill: string) => skill.trim().toLowerCase();

const HOURS = { message: '$property must be above 0 and at most 168 hours, to the hundredth' };
/** Hours in a week: above 0, at most 168, at most two decimals (stored exactly as numeric(5,2)). */
function WeekHours(): PropertyDecorator {
  return (target, key) => {
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, HOURS)(target, key);
    ValidateBy({ name: 'positiveHours', validator: { validate: (value) => typeof value === 'number' && value > 0, defaultMessage: () => HOURS.message } })(
      target,
      key,
    );
    Max(168, HOURS)(target, key);
  };
}

/** An ISO week that exists ("2026-W48"; "2026-W54" does not). */
function IsoWeek(): PropertyDecorator {
  return ValidateBy({
    name: 'isoWeek',
    validator: {
      validate: (value) => typeof value === 'string' && isoWeekProblem(value) === null,
      defaultMessage: (args) => `${args?.property} ${typeof args?.value === 'string' ? isoWeekProblem(args.value) : 'must be an ISO week, YYYY-Www'}`,
    },
  });
}

@ObjectType('Resource', { description: 'Homed at a tenant; readable by every active member of the organization (the pool is shared).' })
export class ResourceModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [String], { description: 'Exact lower-case tags' }) skills: string[];
  @Field(() => Float) weeklyCapacityHours: number;
  @Field(() => ID, { nullable: true }) userId: string | null;
  /** Its identity only, read with the resource: a load lists each resource once a week, and a field resolver apiece would cost more than the load. */
  @Field(() => TenantModel) home: TenantModel;
}

@ObjectType('Allocation')
export class AllocationModel {
  @Field(() => ID) id: string;
  @Field({ description: 'ISO week, e.g. 2026-W48' }) fromWeek: string;
  @Field() toWeek: string;
  @Field(() => Float) hoursPerWeek: number;
  @Field(() => AllocationKind) kind: AllocationKind;
  @Field(() => AllocationState) state: AllocationState;
  @Field() requestedAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  resourceId: string;
  projectId: string;
}

@ObjectType('ResourceWeek', { description: 'One resource in one week: approved allocations only.' })
export class ResourceWeekModel {
  @Field(() => ResourceModel) resource: ResourceModel;
  @Field() week: string;
  @Field(() => Float) capacityHours: number;
  @Field(() => Float) hardHours: number;
  @Field(() => Float) softHours: number;
  @Field({ description: 'hardHours + softHours > capacityHours' }) overAllocated: boolean;
}

@ObjectType('CapacityWeek', { description: 'Capacity against demand of the resources homed in a tenant’s subtree, in one week.' })
export class CapacityWeekModel {
  @Field() week: string;
  @Field(() => Int, { description: 'Resources homed in the subtree' }) resources: number;
  @Field(() => Float, { description: 'Their weekly capacities, summed' }) capacityHours: number;
  @Field(() => Float, { description: 'Approved HARD hours' }) hardHours: number;
  @Field(() => Float, { description: 'Approved SOFT hours' }) softHours: number;
  @Field(() => Float, { description: 'Hours requested by other branches, not yet decided' }) requestedHours: number;
  @Field({ description: 'hardHours + softHours > capacityHours' }) overAllocated: boolean;
}

@InputType({ description: 'By a PMO_LEAD or ORG_ADMIN of the tenant or an ancestor.' })
export class CreateResourceInput {
  @Field(() => ID) tenantId: string;
  @Field() @Text(200) name: string;
  @Field(() => [String], { nullable: true, description: `At most ${MAX_SKILLS} tags, lower-cased: letters, digits and + # . _ -` })
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? normalizeSkill(v) : v)) : value))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SKILLS, { message: `$property holds at most ${MAX_SKILLS} tags` })
  @Matches(SKILL, { each: true, message: '$property must be tags of letters, digits and + # . _ - (at most 50 characters)' })
  skills?: string[] | null;
  @Field(() => Float) @WeekHours() weeklyCapacityHours: number;
  @Field(() => ID, { nullable: true, description: 'An active member of the organization' }) userId?: string | null;
}

@InputType({ description: "By the project's manager, or a PMO_LEAD or ORG_ADMIN of the project's tenant or an ancestor." })
export class AllocateResourceInput {
  @Field(() => ID) resourceId: string;
  @Field(() => ID) projectId: string;
  @Field() @IsoWeek() fromWeek: string;
  @Field() @IsoWeek() toWeek: string;
  @Field(() => Float) @WeekHours() hoursPerWeek: number;
  @Field(() => AllocationKind) kind: AllocationKind;
}

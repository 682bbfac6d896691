import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import { CalendarDate, Text } from '@pmo/core';

const LEVEL = { message: '$property must be a whole level from 1 to 5' };

@ObjectType('Certification', { description: "Recorded by a PMO_LEAD or above of a tenant for one of its subtree's active members." })
export class CertificationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field() name: string;
  @Field(() => Int, { description: '1 to 5' }) level: number;
  @Field({ description: 'YYYY-MM-DD' }) issuedOn: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the last day it is valid; never before issuedOn' }) expiresOn: string | null;
  @Field({ description: 'Issued and not expired, today (UTC)' }) valid: boolean;
}

@ObjectType('TrainingRecord')
export class TrainingRecordModel {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field() course: string;
  @Field({ description: 'YYYY-MM-DD' }) completedOn: string;
  @Field(() => Float, { description: 'More than 0, at most 168' }) hours: number;
}

@ObjectType('MentoringCheckIn')
export class MentoringCheckInModel {
  @Field() at: Date;
  @Field() notes: string;
}

@ObjectType('Mentorship', { description: 'Check-ins are logged while it is open (endedOn null); it ends once.' })
export class MentorshipModel {
  @Field(() => ID) id: string;
  @Field(() => ID) mentorId: string;
  @Field(() => ID) menteeId: string;
  @Field() goals: string;
  @Field({ description: 'YYYY-MM-DD' }) startedOn: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) endedOn: string | null;
}

@ObjectType('PmProfile', {
  description:
    'A person of the subtree: level counts every valid certification of the organization (as governance does); the lists hold the records the caller may see.',
})
export class PmProfileModel {
  @Field(() => ID) userId: string;
  @Field() email: string;
  @Field(() => Int, { description: 'The highest level of their valid certifications, 0 without one' }) level: number;
  @Field(() => [CertificationModel]) certifications: CertificationModel[];
  @Field(() => [TrainingRecordModel]) training: TrainingRecordModel[];
  @Field(() => [MentorshipModel], { description: 'As mentor or mentee' }) mentorships: MentorshipModel[];
  @Field(() => Int, { description: 'ACTIVE projects they manage, of those the caller sees' }) activeProjects: number;
}

@ObjectType('CompetencyRule', {
  description:
    "The minimum level of the manager of a project of this tier in the tenant's subtree. The rule in force for a project is the highest minimum along its tenant's path.",
})
export class CompetencyRuleModel {
  @Field(() => Int) tier: number;
  @Field(() => Int) minManagerLevel: number;
  tenantId: string;
}

@InputType({ description: 'By a PMO_LEAD or above of the tenant, for an active member of the tenant or its subtree (NOT_FOUND for anyone else).' })
export class RecordCertificationInput {
  @Field(() => ID) tenantId: string;
  @Field(() => ID) userId: string;
  @Field() @Text() name: string;
  @Field(() => Int, { description: '1 to 5' }) @IsInt(LEVEL) @Min(1, LEVEL) @Max(5, LEVEL) level: number;
  @Field({ description: 'YYYY-MM-DD' }) @CalendarDate() issuedOn: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the last day it is valid; not before issuedOn' })
  @CalendarDate({ optional: true })
  expiresOn?: string | null;
}

@InputType({ description: 'By a PMO_LEAD or above of the tenant, for an active member of the tenant or its subtree.' })
export class RecordTrainingInput {
  @Field(() => ID) tenantId: string;
  @Field(() => ID) userId: string;
  @Field() @Text() course: string;
  @Field({ description: 'YYYY-MM-DD' }) @CalendarDate() completedOn: string;
  @Field(() => Float, { description: 'More than 0, at most 168' })
  @Min(Number.MIN_VALUE, { message: 'hours must be more than 0 and at most 168' })
  @Max(168, { message: 'hours must be more than 0 and at most 168' })
  hours: number;
}

@InputType({ description: 'By a PMO_LEAD or above of the tenant; mentor and mentee are two different active members of the tenant or its subtree.' })
export class StartMentorshipInput {
  @Field(() => ID) tenantId: string;
  @Field(() => ID) mentorId: string;
  @Field(() => ID) menteeId: string;
  @Field() @Text(4000) goals: string;
}

@InputType({
  description:
    'By a PMO_LEAD or above of the tenant. A descendant may only raise what its ancestors require: a lower minimum than an ancestor’s rule of the tier is BAD_USER_INPUT naming that rule.',
})
export class SetCompetencyRuleInput {
  @Field(() => ID) tenantId: string;
  @Field(() => Int, { description: '1 to 3' })
  @IsInt({ message: 'tier must be 1, 2 or 3' })
  @Min(1, { message: 'tier must be 1, 2 or 3' })
  @Max(3, { message: 'tier must be 1, 2 or 3' })
  tier: number;
  @Field(() => Int, { description: '0 to 5' })
  @IsInt({ message: 'minManagerLevel must be a whole level from 0 to 5' })
  @Min(0, { message: 'minManagerLevel must be a whole level from 0 to 5' })
  @Max(5, { message: 'minManagerLevel must be a whole level from 0 to 5' })
  minManagerLevel: number;
}

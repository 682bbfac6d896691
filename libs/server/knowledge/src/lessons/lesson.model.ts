import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { OptionalText, Text } from '@pmo/core';
import { LessonState, LessonVisibility } from './lesson.rules';

registerEnumType(LessonState, { name: 'LessonState', description: 'DRAFT → SUBMITTED → PUBLISHED → RETIRED.' });
registerEnumType(LessonVisibility, {
  name: 'LessonVisibility',
  description: 'Once published: BRANCH is read by whoever may see the project, ORGANIZATION by every active member of the organization.',
});

@ObjectType('Lesson', {
  description:
    "What a project's people learned. Drafts and submitted lessons are seen only by their author and the PMO_LEADs and ORG_ADMINs of the project's tenant or an ancestor.",
})
export class LessonModel {
  @Field(() => ID) id: string;
  @Field(() => ID) projectId: string;
  @Field() title: string;
  @Field() whatHappened: string;
  @Field(() => String, { nullable: true }) impact: string | null;
  @Field() recommendation: string;
  @Field(() => [String]) tags: string[];
  @Field(() => String, { nullable: true, description: 'The methodology phase it was learned in' }) phase: string | null;
  @Field(() => LessonState) state: LessonState;
  @Field(() => LessonVisibility) visibility: LessonVisibility;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  tenantId: string;
}

@ObjectType('LessonHit')
export class LessonHitModel {
  @Field(() => LessonModel) lesson: LessonModel;
  @Field(() => Float, { description: 'ts_rank_cd: the title weighs most, then the recommendation, what happened, the impact' }) rank: number;
  @Field({ description: 'The matching passages, matches between « and »' }) snippet: string;
}

@ObjectType('LessonSearchResult')
export class LessonSearchResultModel {
  @Field(() => [LessonHitModel], { description: 'Best first' }) hits: LessonHitModel[];
  @Field(() => Int, { description: 'Every match the caller may see, not only those returned' }) totalCount: number;
}

@InputType({ description: 'On a project, by its manager or a PMO_LEAD or ORG_ADMIN of its tenant or an ancestor; a DRAFT until submitted.' })
export class CreateLessonInput {
  @Field(() => ID) projectId: string;
  @Field() @Text(200) title: string;
  @Field() @Text(10000) whatHappened: string;
  @Field(() => String, { nullable: true }) @OptionalText(4000) impact?: string | null;
  @Field() @Text(4000) recommendation: string;
  @Field(() => [String], { nullable: true, description: 'Exact facets: lower-case words joined by dashes ("vendor-management"), at most 20' })
  @IsOptional()
  @ArrayMaxSize(20)
  tags?: string[] | null;
  @Field(() => String, { nullable: true }) @OptionalText(200) phase?: string | null;
  @Field(() => LessonVisibility, { nullable: true, defaultValue: LessonVisibility.BRANCH }) visibility?: LessonVisibility | null;
}

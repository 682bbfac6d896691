import { Args, ArgsType, Field, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ProjectType, TenantModel, Text } from '@pmo/core';
import { CreateLessonInput, LessonModel, LessonSearchResultModel } from './lesson.model';
import { LessonStep } from './lesson.rules';
import { LessonService } from './lesson.service';

@ArgsType()
export class DeclareNoLessonsArgs {
  @Field(() => ID) projectId: string;
  @Field() @Text(2000) reason: string;
}

@ArgsType()
export class SetLessonSearchLanguageArgs {
  @Field(() => ID, { description: 'Any tenant of the organization' }) tenantId: string;
  @Field({ description: 'A PostgreSQL text search configuration: english, french, german, simple…' }) @Text(63) language: string;
}

@Resolver(() => LessonModel)
export class LessonResolver {
  constructor(private readonly lessons: LessonService) {}

  @Query(() => LessonModel, { nullable: true, description: 'Null when it does not exist or the caller may not see it.' })
  lesson(@Args('id', { type: () => ID }) id: string) {
    return this.lessons.find(id);
  }

  @Query(() => LessonSearchResultModel, {
    description:
      'Full-text search (websearch syntax: words, "quoted phrases", -excluded, or) over the published lessons of the organization of `tenantId` that the caller may see, stemmed in the organization\'s language. A query that keeps no word (operators or very common words only) is BAD_USER_INPUT on `query`; tags filter exactly.',
  })
  searchLessons(
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('query') query: string,
    @Args('tags', { type: () => [String], nullable: true }) tags?: string[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '1 to 100' }) first?: number | null,
  ) {
    return this.lessons.search(tenantId, query, tags, first);
  }

  @Query(() => String, { description: "The text search configuration of the organization's lessons (english unless its ORG_ADMIN chose another)." })
  lessonSearchLanguage(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.lessons.searchLanguage(tenantId);
  }

  @Mutation(() => LessonModel)
  createLesson(@Args('input') input: CreateLessonInput) {
    return this.lessons.create(input);
  }

  @Mutation(() => LessonModel, { description: 'DRAFT → SUBMITTED, by its author, the project’s manager or a PMO above the project.' })
  submitLesson(@Args('id', { type: () => ID }) id: string) {
    return this.lessons.step(id, LessonStep.SUBMIT);
  }

  @Mutation(() => LessonModel, {
    description: "SUBMITTED → PUBLISHED, by a PMO_LEAD or ORG_ADMIN of the project's tenant or an ancestor; announced as lesson.published.",
  })
  publishLesson(@Args('id', { type: () => ID }) id: string) {
    return this.lessons.step(id, LessonStep.PUBLISH);
  }

  @Mutation(() => LessonModel, { description: 'PUBLISHED → RETIRED (no longer found by search), by a PMO_LEAD or ORG_ADMIN above the project.' })
  retireLesson(@Args('id', { type: () => ID }) id: string) {
    return this.lessons.step(id, LessonStep.RETIRE);
  }

  @Mutation(ProjectType, {
    description:
      'The project’s manager (or a PMO_LEAD or ORG_ADMIN above it) states that it has no lesson to record. A project is COMPLETED only with a SUBMITTED (or later) lesson or this statement: transitionProject to COMPLETED is otherwise BAD_USER_INPUT on `to`.',
  })
  declareNoLessons(@Args() args: DeclareNoLessonsArgs) {
    return this.lessons.declareNoLessons(args.projectId, args.reason);
  }

  @Mutation(() => String, {
    description:
      "Sets the text search configuration of the organization's lessons (a PostgreSQL configuration: english, french, german, simple…) and re-indexes them; by an ORG_ADMIN of the hub. The configuration set.",
  })
  setLessonSearchLanguage(@Args() args: SetLessonSearchLanguageArgs) {
    return this.lessons.setSearchLanguage(args.tenantId, args.language);
  }

  @ResolveField(() => TenantModel, { description: 'The project’s tenant when the lesson was written' })
  tenant(@Parent() lesson: LessonModel) {
    return this.lessons.tenant(lesson.tenantId);
  }
}

// Every statement of lessons: writing one and its steps, reading them through the
// caller's policies, full-text search, the lessons relevant to a gate, the organization's
// search configuration, and a project's statement that it has no lesson.
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DummyValue, GenerateSql, run, runOne } from '@pmo/core';
import { LessonEntity } from './lesson.entity';
import { LessonState, LessonVisibility } from './lesson.rules';
import {
  LESSON_PROJECT,
  LESSON_TENANTS,
  LessonHitRow,
  LessonProjectRow,
  LessonRow,
  LESSONS,
  LessonTenantRow,
  LOCK_LESSON,
  PROJECT_CARD,
  PROJECT_CLOSABLE,
  ProjectCardRow,
  REINDEX_ORGANIZATION,
  RELEVANT_TO_GATE,
  SEARCH,
  SEARCH_CONFIG,
  SEARCH_CONFIG_EXISTS,
  SearchConfigRow,
  SearchHitRow,
  SET_SEARCH_CONFIG,
} from './lesson.sql';
import { ProjectNoLessonsEntity } from './project-no-lessons.entity';

export type NewLesson = Pick<
  LessonEntity,
  'id' | 'projectId' | 'tenantId' | 'orgId' | 'authorId' | 'title' | 'whatHappened' | 'impact' | 'recommendation' | 'tags' | 'phase' | 'visibility'
>;

/** A step of the life cycle: the new state and the instant and person it records. */
export type LessonChange = Partial<Pick<LessonEntity, 'submittedAt' | 'publishedAt' | 'publishedBy' | 'retiredAt'>> & { state: LessonState };

export interface SearchQuery {
  orgId: string;
  config: string;
  query: string;
  /** Every one of them, exactly; null for any. */
  tags: string[] | null;
  limit: number;
}

export type NoLessons = Pick<ProjectNoLessonsEntity, 'projectId' | 'tenantId' | 'orgId' | 'reason' | 'declaredBy'>;

@Injectable()
export class LessonRepository {
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        projectId: DummyValue.UUID_2,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        authorId: DummyValue.UUID_2,
        title: DummyValue.TEXT,
        whatHappened: DummyValue.TEXT,
        impact: null,
        recommendation: DummyValue.TEXT,
        tags: ['vendor-management'],
        phase: null,
        visibility: LessonVisibility.BRANCH,
      },
    ],
  })
  async insert(em: EntityManager, lesson: NewLesson): Promise<void> {
    await em.createQueryBuilder().insert().into(LessonEntity).values(lesson).updateEntity(false).execute();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byIds(em: EntityManager, ids: readonly string[]): Promise<LessonRow[]> {
    return run(em, LESSONS, [[...ids]]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async lock(em: EntityManager, id: string): Promise<LessonRow | null> {
    return (await runOne(em, LOCK_LESSON, [id])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID, { state: LessonState.PUBLISHED, publishedAt: DummyValue.TIMESTAMP, publishedBy: DummyValue.UUID_2 }] })
  async update(em: EntityManager, id: string, change: LessonChange): Promise<void> {
    await em.update(LessonEntity, { id }, change);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async project(em: EntityManager, projectId: string): Promise<LessonProjectRow | null> {
    return (await runOne(em, LESSON_PROJECT, [projectId])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID, 'vendor -hardware'] })
  async searchConfig(em: EntityManager, tenantId: string, query: string): Promise<SearchConfigRow | null> {
    return (await runOne(em, SEARCH_CONFIG, [tenantId, query])) ?? null;
  }

  @GenerateSql(
    { name: 'any tags', params: [{ orgId: DummyValue.UUID, config: 'english', query: 'vendor delay', tags: null, limit: 20 }] },
    { name: 'with tags', params: [{ orgId: DummyValue.UUID, config: 'english', query: '"late delivery" -hardware', tags: ['vendor-management'], limit: 20 }] },
  )
  search(em: EntityManager, query: SearchQuery): Promise<SearchHitRow[]> {
    return run(em, SEARCH, [query.orgId, query.config, query.query, query.tags, query.limit]);
  }

  @GenerateSql({ params: [DummyValue.UUID, 'Initiation', 5] })
  relevantToGate(em: EntityManager, projectId: string, phase: string, limit: number): Promise<LessonHitRow[]> {
    return run(em, RELEVANT_TO_GATE, [projectId, phase, limit]);
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async closable(em: EntityManager, projectId: string): Promise<boolean> {
    return (await runOne(em, PROJECT_CLOSABLE, [projectId]))?.closable ?? false;
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  tenants(em: EntityManager, tenantIds: readonly string[]): Promise<LessonTenantRow[]> {
    return run(em, LESSON_TENANTS, [[...tenantIds]]);
  }

  @GenerateSql({ params: ['english'] })
  async configExists(em: EntityManager, name: string): Promise<boolean> {
    return (await run(em, SEARCH_CONFIG_EXISTS, [name])).length > 0;
  }

  /** Sets the organization's configuration and re-indexes its lessons in it. */
  @GenerateSql({ params: [DummyValue.UUID, 'french'] })
  async setSearchConfig(em: EntityManager, orgId: string, config: string): Promise<void> {
    await run(em, SET_SEARCH_CONFIG, [orgId, config]);
    await run(em, REINDEX_ORGANIZATION, [orgId, config]);
  }

  /** States (or states again, with a new reason) that a project has no lesson to record. */
  @GenerateSql({
    params: [{ projectId: DummyValue.UUID, tenantId: DummyValue.UUID, orgId: DummyValue.UUID, reason: DummyValue.TEXT, declaredBy: DummyValue.UUID_2 }],
  })
  async declareNoLessons(em: EntityManager, statement: NoLessons): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(ProjectNoLessonsEntity)
      .values(statement)
      .orUpdate(['reason', 'declared_by', 'declared_at'], ['project_id'])
      .updateEntity(false)
      .execute();
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  noLessons(em: EntityManager, projectIds: readonly string[]): Promise<ProjectNoLessonsEntity[]> {
    return em.find(ProjectNoLessonsEntity, { where: { projectId: In([...projectIds]) } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async projectCard(em: EntityManager, projectId: string): Promise<ProjectCardRow | null> {
    return (await runOne(em, PROJECT_CARD, [projectId])) ?? null;
  }
}

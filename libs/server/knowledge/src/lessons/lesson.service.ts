// The lessons-learned archive: a lesson is written on a project by its manager or a PMO
// above it, submitted, published by a PMO_LEAD or above (an event through the outbox),
// retired. Reading is the database's policies' (see the migration); the service asks the
// one authorization question, on the project's tenant path, for every change. Search is
// PostgreSQL's full-text search in the organization's configuration, which its ORG_ADMIN
// sets. A project is COMPLETED only with a submitted lesson or its manager's statement
// that it has none (LessonProjectClosure).
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  AuditService,
  badInput,
  byKeys,
  currentContext,
  effectiveRole,
  forbidden,
  notFound,
  OutboxService,
  requestLoader,
  TenantDb,
} from '@pmo/core';
import { Role, TenantKind } from '@pmo/shared';
import { LESSON_PUBLISHED_JOB } from './lesson-events.jobs';
import { CreateLessonInput, LessonHitModel, LessonModel, LessonSearchResultModel } from './lesson.model';
import { LessonChange, LessonRepository } from './lesson.repository';
import { checkFirst, checkSearchQuery, checkTags, LessonActor, LessonStep, lessonStep, LessonVisibility, mayTake, mayWrite } from './lesson.rules';
import { LessonHitRow, LessonProjectRow, LessonRow, LessonTenantRow, ProjectCardRow } from './lesson.sql';

const DEFAULT_HITS = 20;

const toModel = (row: LessonRow): LessonModel => ({
  id: row.id,
  projectId: row.projectId,
  tenantId: row.tenantId,
  title: row.title,
  whatHappened: row.whatHappened,
  impact: row.impact,
  recommendation: row.recommendation,
  tags: row.tags,
  phase: row.phase,
  state: row.state,
  visibility: row.visibility,
  createdAt: row.createdAt,
  publishedAt: row.publishedAt,
});

const toHit = (row: LessonHitRow): LessonHitModel => ({ lesson: toModel(row), rank: row.rank, snippet: row.snippet });

@Injectable()
export class LessonService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly lessons: LessonRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** A lesson the caller may see, or null. */
  async find(id: string): Promise<LessonModel | null> {
    const [row] = await this.db.transaction((em) => this.lessons.byIds(em, [id]));
    return row ? toModel(row) : null;
  }

  async create(input: CreateLessonInput): Promise<LessonModel> {
    const tags = checkTags(input.tags);
    return this.db.transaction(async (em) => {
      const userId = this.userId();
      const project = await this.project(em, input.projectId);
      if (!mayWrite(await this.actor(em, project, userId, null))) {
        throw forbidden("Lessons are written by the project's manager or a PMO_LEAD or ORG_ADMIN of its tenant or an ancestor");
      }
      const id = randomUUID();
      const lesson = {
        id,
        projectId: project.id,
        tenantId: project.tenantId,
        orgId: project.orgId,
        authorId: userId,
        title: input.title,
        whatHappened: input.whatHappened,
        impact: input.impact ?? null,
        recommendation: input.recommendation,
        tags,
        phase: input.phase ?? null,
        visibility: input.visibility ?? LessonVisibility.BRANCH,
      };
      await this.lessons.insert(em, lesson);
      await this.audit.record(em, { tenantId: project.tenantId, orgId: project.orgId, entity: 'lesson', entityId: id, action: 'create', after: lesson });
      const [row] = await this.lessons.byIds(em, [id]);
      return toModel(row);
    });
  }

  /** Submits, publishes or retires a lesson (publishing announces it through the outbox). */
  async step(id: string, step: LessonStep): Promise<LessonModel> {
    return this.db.transaction(async (em) => {
      const userId = this.userId();
      const lesson = await this.lessons.lock(em, id);
      if (!lesson) {
        // Locking takes the right to change it: a lesson read from another branch is not theirs to change.
        if ((await this.lessons.byIds(em, [id])).length) throw forbidden("Lessons are curated by PMOs of the project's tenant or an ancestor");
        throw notFound('Lesson');
      }
      const project = await this.project(em, lesson.projectId, lesson.tenantId);
      if (!mayTake(step, await this.actor(em, project, userId, lesson))) {
        throw forbidden(
          step === LessonStep.SUBMIT
            ? "A lesson is submitted by its author, the project's manager or a PMO_LEAD or ORG_ADMIN above the project"
            : "Lessons are published and retired by a PMO_LEAD or ORG_ADMIN of the project's tenant or an ancestor",
        );
      }
      const state = lessonStep(lesson.state, step);
      const now = new Date();
      const change: LessonChange =
        step === LessonStep.SUBMIT
          ? { state, submittedAt: now }
          : step === LessonStep.PUBLISH
            ? { state, publishedAt: now, publishedBy: userId }
            : { state, retiredAt: now };
      await this.lessons.update(em, id, change);
      const scope = { tenantId: lesson.tenantId, orgId: lesson.orgId };
      await this.audit.record(em, { ...scope, entity: 'lesson', entityId: id, action: step.toLowerCase(), before: { state: lesson.state }, after: change });
      if (step === LessonStep.PUBLISH) {
        await this.outbox.publish(em, lesson.orgId, LESSON_PUBLISHED_JOB, {
          tenantId: lesson.tenantId,
          lessonId: id,
          projectId: lesson.projectId,
          visibility: lesson.visibility,
        });
      }
      const [row] = await this.lessons.byIds(em, [id]);
      return toModel(row);
    });
  }

  /**
   * The published lessons of the tenant's organization that the caller may see and that
   * match `query` (websearch syntax), best first, with every tag given.
   */
  async search(tenantId: string, query: string, tags: string[] | null | undefined, first: number | null | undefined): Promise<LessonSearchResultModel> {
    const text = checkSearchQuery(query);
    const facets = checkTags(tags);
    const limit = checkFirst(first, DEFAULT_HITS);
    return this.db.transaction(async (em) => {
      await this.access.roles(em, [tenantId]);
      const config = await this.lessons.searchConfig(em, tenantId, text);
      if (!config) throw notFound('Tenant');
      if (config.nodes === 0) throw badInput('query keeps no word to search for: only operators or words too common to index', { field: 'query' });
      const rows = await this.lessons.search(em, { orgId: config.orgId, config: config.config, query: text, tags: facets.length ? facets : null, limit });
      // The hits' tenants came with them: `Lesson.tenant` reads no more.
      for (const row of rows) {
        if (row.tenantName === null) continue;
        this.tenants().prime(row.tenantId, {
          id: row.tenantId,
          name: row.tenantName,
          kind: row.tenantKind as TenantKind,
          depth: row.tenantDepth as number,
          parentId: row.tenantParentId,
        });
      }
      return { hits: rows.map(toHit), totalCount: rows[0]?.total ?? 0 };
    });
  }

  /** The published lessons of a gate's phase from the organization's other projects, most relevant to this project first. */
  async relevantToGate(projectId: string, phase: string, first: number | null | undefined): Promise<LessonHitModel[]> {
    const limit = checkFirst(first, 5);
    const rows = await this.db.transaction((em) => this.lessons.relevantToGate(em, projectId, phase, limit));
    return rows.map(toHit);
  }

  /** A lesson's tenant: one the caller sees, or the tenant of a published ORGANIZATION lesson (batched per request). */
  tenant(tenantId: string): Promise<LessonTenantRow | null> {
    return this.tenants().load(tenantId);
  }

  private tenants() {
    return requestLoader<string, LessonTenantRow | null>('lessons.tenant', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.lessons.tenants(em, ids), (row) => row.id), { fresh: true }),
    );
  }

  /** The project's manager (or a PMO above it) states that it has no lesson to record, so that it may be COMPLETED. */
  async declareNoLessons(projectId: string, reason: string): Promise<ProjectCardRow> {
    return this.db.transaction(async (em) => {
      const userId = this.userId();
      const project = await this.project(em, projectId);
      if (!mayWrite(await this.actor(em, project, userId, null))) {
        throw forbidden('That a project has no lesson is stated by its manager or a PMO_LEAD or ORG_ADMIN of its tenant or an ancestor');
      }
      const statement = { projectId: project.id, tenantId: project.tenantId, orgId: project.orgId, reason, declaredBy: userId };
      await this.lessons.declareNoLessons(em, statement);
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'project_no_lessons',
        entityId: project.id,
        action: 'declare',
        after: { reason },
      });
      return (await this.lessons.projectCard(em, project.id)) as ProjectCardRow;
    });
  }

  /** Why a project has no lesson, if its manager said so (batched per request). */
  noLessonsReason(projectId: string): Promise<string | null> {
    return requestLoader<string, string | null>('lessons.noLessons', (ids) =>
      this.db.transaction(
        async (em) =>
          byKeys(
            ids,
            (await this.lessons.noLessons(em, ids)).map((row) => ({ id: row.projectId, reason: row.reason })),
            (row) => row.id,
          ).map((row) => row?.reason ?? null),
        { fresh: true },
      ),
    ).load(projectId);
  }

  /** The organization's text search configuration for lessons. */
  async searchLanguage(tenantId: string): Promise<string> {
    return this.db.transaction(async (em) => {
      await this.access.roles(em, [tenantId]);
      const config = await this.lessons.searchConfig(em, tenantId, '');
      if (!config) throw notFound('Tenant');
      return config.config;
    });
  }

  /** Sets the organization's configuration (its hub's ORG_ADMIN) and re-indexes every lesson of the organization in it. */
  async setSearchLanguage(tenantId: string, language: string): Promise<string> {
    const name = language.trim().toLowerCase();
    return this.db.transaction(async (em) => {
      await this.access.roles(em, [tenantId]);
      const current = await this.lessons.searchConfig(em, tenantId, '');
      if (!current) throw notFound('Tenant');
      if (effectiveRole(await this.access.grants(em), [current.orgId]) !== Role.ORG_ADMIN) {
        throw forbidden("An organization's search language is set by an ORG_ADMIN of its hub");
      }
      if (!(await this.lessons.configExists(em, name)))
        throw badInput(`"${language}" is not a text search configuration of this database (e.g. english, french, german, simple)`, { field: 'language' });
      await this.lessons.setSearchConfig(em, current.orgId, name);
      await this.audit.record(em, {
        tenantId: current.orgId,
        orgId: current.orgId,
        entity: 'lesson_search_settings',
        entityId: current.orgId,
        action: 'set',
        before: { searchConfig: current.config },
        after: { searchConfig: name },
      });
      return name;
    });
  }

  private userId(): string {
    const actor = currentContext().actor;
    if (actor.kind !== 'user') throw forbidden();
    return actor.userId;
  }

  /**
   * A project the caller sees, or NOT_FOUND. A lesson's project may be out of the caller's
   * sight (an ORGANIZATION lesson of another branch): then only its tenant matters, and
   * the caller holds no role on it.
   */
  private async project(em: EntityManager, projectId: string, lessonTenantId?: string): Promise<LessonProjectRow> {
    const project = await this.lessons.project(em, projectId);
    if (project) return project;
    if (lessonTenantId) return { id: projectId, tenantId: lessonTenantId, orgId: '', managerId: null, path: [] };
    throw notFound('Project');
  }

  private async actor(em: EntityManager, project: LessonProjectRow, userId: string, lesson: LessonRow | null): Promise<LessonActor> {
    return {
      role: effectiveRole(await this.access.grants(em), project.path),
      isAuthor: lesson?.authorId === userId,
      isManager: project.managerId === userId,
    };
  }
}

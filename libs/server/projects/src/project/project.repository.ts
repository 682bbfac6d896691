// Statements on projects and the phases copied into them: single reads and writes, the
// lock a change takes, the subtree list page by page, and the lookups a change checks.
import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ProjectState, Rag } from '@pmo/shared';
import { DummyValue, GenerateSql, run, runOne, TenantEntity, UserEntity } from '@pmo/core';
import { StatusReportEntity } from '../status-report/status-report.entity';
import { ProjectPhaseEntity } from './project-phase.entity';
import { ProjectEntity } from './project.entity';
import { LOCK_PROJECT, MEMBER_COVERS, PROJECT_ROW, MethodologyVersionRow, PROJECT_BY_ID, PROJECTS_BY_IDS, PUBLISHED_METHODOLOGY_VERSION } from './project.sql';

/** A tier is optional: projects without one answer to no competency rule. */
export type NewProject = Omit<ProjectEntity, 'createdAt' | 'updatedAt' | 'tier'> & Partial<Pick<ProjectEntity, 'tier'>>;
export type ProjectChanges = Partial<
  Pick<
    ProjectEntity,
    | 'name'
    | 'description'
    | 'startDate'
    | 'endDate'
    | 'plannedBudget'
    | 'actualCost'
    | 'programId'
    | 'managerId'
    | 'currentPhase'
    | 'state'
    | 'tenantId'
    | 'tier'
  >
>;

/** Which projects a list shows: a tenant's whole subtree, narrowed by the filter. */
export interface ProjectListFilter {
  rootTenantId: string;
  states?: ProjectState[];
  programId?: string;
  /** An ILIKE pattern matched against code or name. */
  pattern?: string;
  /** The overall RAG of the latest status report. */
  latestStatusRag?: Rag[];
}

/** One page in a keyset order: the sort column (a property), after the cursor's key and id. */
export interface ProjectPageQuery {
  sort: { property: 'code' | 'name' | 'createdAt'; type: 'text' | 'timestamptz'; direction: 'ASC' | 'DESC' };
  after: { key: string; id: string } | null;
  limit: number;
}

export interface ProjectPageRow {
  project: ProjectEntity;
  /** The row's sort key as exact text (a timestamp to the microsecond), for its cursor. */
  sortKey: string;
}

export type TenantOfProject = Pick<TenantEntity, 'id' | 'orgId' | 'path'>;
export type ManagerRow = Pick<UserEntity, 'id' | 'email'>;

const COLUMNS: Record<ProjectPageQuery['sort']['property'], string> = { code: 'p.code', name: 'p.name', createdAt: 'p.created_at' };
const newProject: NewProject = {
  id: DummyValue.UUID,
  orgId: DummyValue.UUID,
  tenantId: DummyValue.UUID,
  code: 'PRJ-1',
  name: DummyValue.TEXT,
  description: null,
  state: ProjectState.ACTIVE,
  startDate: DummyValue.DATE,
  endDate: null,
  plannedBudget: '1000.25',
  actualCost: null,
  programId: null,
  managerId: null,
  methodologyId: null,
  methodologyVersion: null,
  currentPhase: null,
};

/** The projects a list shows, before paging. */
function listed(em: EntityManager, filter: ProjectListFilter): SelectQueryBuilder<ProjectEntity> {
  const rows = em.createQueryBuilder(ProjectEntity, 'p');
  const subtree = rows.subQuery().select('t.id').from(TenantEntity, 't').where('t.path @> ARRAY[CAST(:rootTenantId AS uuid)]').getQuery();
  rows.where(`p.tenantId IN ${subtree}`, { rootTenantId: filter.rootTenantId });
  if (filter.states?.length) rows.andWhere('p.state = ANY(:states)', { states: filter.states });
  if (filter.programId) rows.andWhere('p.programId = :programId', { programId: filter.programId });
  if (filter.pattern)
    rows.andWhere(new Brackets((match) => match.where('p.code ILIKE :pattern').orWhere('p.name ILIKE :pattern')), { pattern: filter.pattern });
  if (filter.latestStatusRag?.length) {
    const latest = rows
      .subQuery()
      .select('s.overall')
      .from(StatusReportEntity, 's')
      .where('s.projectId = p.id')
      .orderBy('s.period', 'DESC')
      .limit(1)
      .getQuery();
    rows.andWhere(`${latest} = ANY(:latestStatusRag)`, { latestStatusRag: filter.latestStatusRag });
  }
  return rows;
}

@Injectable()
export class ProjectRepository {
  @GenerateSql({ params: [DummyValue.UUID] })
  async findById(em: EntityManager, id: string): Promise<ProjectEntity | null> {
    return (await runOne(em, PROJECT_BY_ID, [id])) ?? null;
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  findByIds(em: EntityManager, ids: readonly string[]): Promise<ProjectEntity[]> {
    return run(em, PROJECTS_BY_IDS, [ids]);
  }

  /** The project locked for the rest of the transaction (a change reads it, checks, writes). */
  @GenerateSql({ params: [DummyValue.UUID] })
  async lock(em: EntityManager, id: string): Promise<ProjectEntity | null> {
    return (await runOne(em, LOCK_PROJECT, [id])) ?? null;
  }

  /** False, writing nothing, when the tenant has a project with that code (in any letter case). */
  @GenerateSql({ params: [newProject] })
  async insert(em: EntityManager, project: NewProject): Promise<boolean> {
    const inserted = await em.createQueryBuilder().insert().into(ProjectEntity).values(project).orIgnore().returning('id').updateEntity(false).execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  @GenerateSql({ name: 'some fields', params: [DummyValue.UUID, { name: DummyValue.TEXT, plannedBudget: '10.5', managerId: null }] })
  async update(em: EntityManager, id: string, changes: ProjectChanges): Promise<void> {
    await em.update(ProjectEntity, { id }, changes);
  }

  @GenerateSql({ params: [DummyValue.UUID, 'PRJ-1'] })
  async codeTaken(em: EntityManager, tenantId: string, code: string): Promise<boolean> {
    const taken = await em
      .createQueryBuilder(ProjectEntity, 'p')
      .select('1', 'taken')
      .where('p.tenantId = :tenantId', { tenantId })
      .andWhere('lower(p.code) = lower(:code)', { code })
      .limit(1)
      .getRawOne();
    return taken !== undefined;
  }

  @GenerateSql({
    params: [
      [
        {
          projectId: DummyValue.UUID,
          position: 0,
          tenantId: DummyValue.UUID,
          orgId: DummyValue.UUID,
          name: 'Initiate',
          gateName: 'G1',
          gateDeliverables: ['Charter'],
          gateApproverRole: null,
        },
      ],
    ],
  })
  async insertPhases(em: EntityManager, phases: ProjectPhaseEntity[]): Promise<void> {
    if (phases.length) await em.createQueryBuilder().insert().into(ProjectPhaseEntity).values(phases).updateEntity(false).execute();
  }

  /** The phases of each project, in order. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  phases(em: EntityManager, projectIds: readonly string[]): Promise<ProjectPhaseEntity[]> {
    return em
      .createQueryBuilder(ProjectPhaseEntity, 'ph')
      .where('ph.projectId = ANY(:projectIds)', { projectIds })
      .orderBy('ph.projectId')
      .addOrderBy('ph.position')
      .getMany();
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  tenant(em: EntityManager, tenantId: string): Promise<TenantOfProject | null> {
    return em.findOne(TenantEntity, { select: { id: true, orgId: true, path: true }, where: { id: tenantId } });
  }

  @GenerateSql({ params: [DummyValue.UUID_SET] })
  managers(em: EntityManager, userIds: readonly string[]): Promise<ManagerRow[]> {
    return em.createQueryBuilder(UserEntity, 'u').select(['u.id', 'u.email']).where('u.id = ANY(:userIds)', { userIds }).getMany();
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2] })
  async memberCovers(em: EntityManager, userId: string, tenantId: string): Promise<boolean> {
    return (await runOne(em, MEMBER_COVERS, [userId, tenantId]))?.covers === true;
  }

  @GenerateSql({ params: [DummyValue.UUID, [DummyValue.UUID_2], null] })
  async publishedMethodologyVersion(em: EntityManager, methodologyId: string, path: string[], version: number | null): Promise<MethodologyVersionRow | null> {
    return (await runOne(em, PUBLISHED_METHODOLOGY_VERSION, [methodologyId, path, version])) ?? null;
  }

  @GenerateSql(
    { name: 'first page', params: [{ rootTenantId: DummyValue.UUID }, { sort: { property: 'code', type: 'text', direction: 'ASC' }, after: null, limit: 51 }] },
    {
      name: 'filtered, after a cursor',
      params: [
        { rootTenantId: DummyValue.UUID, states: [ProjectState.ACTIVE], programId: DummyValue.UUID_2, pattern: '%a%', latestStatusRag: [Rag.RED] },
        { sort: { property: 'createdAt', type: 'timestamptz', direction: 'DESC' }, after: { key: '2026-01-15 12:00:00+00', id: DummyValue.UUID }, limit: 51 },
      ],
    },
  )
  async page(em: EntityManager, filter: ProjectListFilter, query: ProjectPageQuery): Promise<ProjectPageRow[]> {
    const { property, type, direction } = query.sort;
    const column = COLUMNS[property];
    const rows = listed(em, filter)
      .select(PROJECT_ROW)
      .addSelect(`${column}::text`, 'sortKey')
      .orderBy(`p.${property}`, direction)
      .addOrderBy('p.id', direction)
      .limit(query.limit);
    if (query.after) {
      rows.andWhere(`(${column}, p.id) ${direction === 'ASC' ? '>' : '<'} (CAST(:afterKey AS ${type}), CAST(:afterId AS uuid))`, {
        afterKey: query.after.key,
        afterId: query.after.id,
      });
    }
    // Rows already in the entity's shape: hydrating entities costs more than the page's query.
    const page = await rows.getRawMany<ProjectEntity & { sortKey: string }>();
    return page.map(({ sortKey, ...project }) => ({ project, sortKey }));
  }

  @GenerateSql({ params: [{ rootTenantId: DummyValue.UUID, states: [ProjectState.ACTIVE], pattern: '%a%' }] })
  async count(em: EntityManager, filter: ProjectListFilter): Promise<number> {
    const row = await listed(em, filter).select('count(*)::int', 'count').getRawOne<{ count: number }>();
    return row?.count ?? 0;
  }
}

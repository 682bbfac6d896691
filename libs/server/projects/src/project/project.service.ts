// Projects: creating them (optionally following a published methodology version, whose
// phases, gates and milestones are copied), changing them, their life cycle, moving them
// between tenants of one organization, and listing a tenant's whole subtree page by page.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ProjectState } from '@pmo/shared';
import {
  AccessService,
  AuditService,
  badInput,
  byKeys,
  ComplianceFeed,
  conflict,
  decodeCursor,
  encodeCursor,
  groupByKeys,
  loadNow,
  ManagerCompetency,
  notFound,
  pageOf,
  periodOf,
  Permission,
  PhaseGates,
  ProjectClosure,
  requestLoader,
  RollupScheduler,
  TenantDb,
} from '@pmo/core';
import { KpiValueRepository } from '../kpi-value/kpi-value.repository';
import { MilestoneRepository } from '../milestone/milestone.repository';
import { ProgramRepository } from '../program/program.repository';
import { ProjectAccess } from './project-access';
import { ProjectEntity } from './project.entity';
import { CreateProjectInput, ProjectFilter, ProjectSort, UpdateProjectInput } from './project.inputs';
import { ProjectConnectionModel, ProjectManagerModel, projectModel, ProjectModel, projectPhaseModel, ProjectPhaseModel } from './project.model';
import { ProjectChanges, ProjectListFilter, ProjectPageQuery, ProjectRepository, TenantOfProject } from './project.repository';
import { checkDateRange, checkPageSize, checkTransition, likePattern, milestonesOf, phasesOf } from './project.rules';

const SORTS: Record<ProjectSort, ProjectPageQuery['sort']> = {
  [ProjectSort.CODE_ASC]: { property: 'code', type: 'text', direction: 'ASC' },
  [ProjectSort.CODE_DESC]: { property: 'code', type: 'text', direction: 'DESC' },
  [ProjectSort.NAME_ASC]: { property: 'name', type: 'text', direction: 'ASC' },
  [ProjectSort.NAME_DESC]: { property: 'name', type: 'text', direction: 'DESC' },
  [ProjectSort.CREATED_AT_ASC]: { property: 'createdAt', type: 'timestamptz', direction: 'ASC' },
  [ProjectSort.CREATED_AT_DESC]: { property: 'createdAt', type: 'timestamptz', direction: 'DESC' },
};

/** An amount of money, kept exact as decimal text for numeric. */
const amount = (value: number | null | undefined): string | null => (value === undefined || value === null ? null : String(value));

/** The audit trail's picture of a project: what a change can alter. */
const auditView = (p: ProjectModel) => ({
  code: p.code,
  name: p.name,
  description: p.description,
  state: p.state,
  tenantId: p.tenantId,
  programId: p.programId,
  managerId: p.managerId,
  startDate: p.startDate,
  endDate: p.endDate,
  plannedBudget: p.plannedBudget,
  actualCost: p.actualCost,
  currentPhase: p.currentPhase,
  methodologyId: p.methodologyId,
  methodologyVersion: p.methodologyVersion,
  tier: p.tier,
});

@Injectable()
export class ProjectService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly rollups: RollupScheduler,
    private readonly locks: ProjectAccess,
    private readonly projects: ProjectRepository,
    private readonly programs: ProgramRepository,
    private readonly milestones: MilestoneRepository,
    private readonly values: KpiValueRepository,
    private readonly gates: PhaseGates,
    private readonly closure: ProjectClosure,
    private readonly compliance: ComplianceFeed,
    private readonly competency: ManagerCompetency,
  ) {}

  async find(id: string): Promise<ProjectModel | null> {
    const project = await this.db.transaction((em) => this.projects.findById(em, id));
    return project && projectModel(project);
  }

  async create(input: CreateProjectInput): Promise<ProjectModel> {
    const startDate = input.startDate ?? null;
    const endDate = input.endDate ?? null;
    checkDateRange(startDate, endDate);
    if (input.methodologyId && !startDate) throw badInput('startDate is required to follow a methodology: milestones are due from it', { field: 'startDate' });

    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.MANAGE_PROJECTS, [input.tenantId]);
      const tenant = (await this.projects.tenant(em, input.tenantId)) as TenantOfProject;
      if (input.programId) await this.checkProgram(em, input.programId, tenant.id);
      if (input.managerId) await this.checkManager(em, input.managerId, tenant.id);
      await this.checkCompetency(em, { orgId: tenant.orgId, tenantId: tenant.id, tier: input.tier ?? null, managerId: input.managerId ?? null }, 'managerId');
      const methodology = input.methodologyId ? await this.methodology(em, input.methodologyId, input.methodologyVersion ?? null, tenant.path) : null;
      const phases = methodology ? phasesOf(methodology.snapshot) : [];
      const milestones = methodology ? milestonesOf(methodology.snapshot, startDate as string) : [];

      const id = randomUUID();
      const owner = { tenantId: tenant.id, orgId: tenant.orgId };
      const inserted = await this.projects.insert(em, {
        id,
        ...owner,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        state: input.state ?? ProjectState.ACTIVE,
        startDate,
        endDate,
        plannedBudget: amount(input.plannedBudget),
        actualCost: amount(input.actualCost),
        programId: input.programId ?? null,
        managerId: input.managerId ?? null,
        methodologyId: methodology?.id ?? null,
        methodologyVersion: methodology?.version ?? null,
        currentPhase: phases[0]?.name ?? null,
        tier: input.tier ?? null,
      });
      if (!inserted) throw conflict(`A project with code "${input.code}" exists in this tenant`, { field: 'code' });
      await this.projects.insertPhases(
        em,
        phases.map((phase) => ({ projectId: id, ...owner, ...phase })),
      );
      await this.milestones.insert(
        em,
        milestones.map((milestone) => ({ id: randomUUID(), projectId: id, ...owner, ...milestone })),
      );
      const project = projectModel((await this.projects.findById(em, id)) as ProjectEntity);
      await this.audit.record(em, { ...owner, entity: 'project', entityId: id, action: 'create', after: auditView(project) });
      return project;
    });
  }

  async update(id: string, input: UpdateProjectInput): Promise<ProjectModel> {
    return this.db.transaction(async (em) => {
      const before = await this.locks.lock(em, id, Permission.MANAGE_PROJECTS);
      const given = (key: keyof UpdateProjectInput) => input[key] !== undefined;
      const changes: ProjectChanges = {};
      if (given('name')) changes.name = input.name;
      if (given('description')) changes.description = input.description ?? null;
      if (given('startDate')) changes.startDate = input.startDate ?? null;
      if (given('endDate')) changes.endDate = input.endDate ?? null;
      checkDateRange(changes.startDate === undefined ? before.startDate : changes.startDate, changes.endDate === undefined ? before.endDate : changes.endDate);
      if (given('plannedBudget')) changes.plannedBudget = amount(input.plannedBudget);
      if (given('actualCost')) changes.actualCost = amount(input.actualCost);
      if (given('programId')) {
        changes.programId = input.programId ?? null;
        if (changes.programId) await this.checkProgram(em, changes.programId, before.tenantId);
      }
      if (given('managerId')) {
        changes.managerId = input.managerId ?? null;
        if (changes.managerId) await this.checkManager(em, changes.managerId, before.tenantId);
      }
      if (given('currentPhase')) changes.currentPhase = await this.checkPhase(em, before, input.currentPhase ?? null);
      if (given('tier')) changes.tier = input.tier ?? null;
      if (given('managerId') || given('tier')) {
        const tier = given('tier') ? (changes.tier ?? null) : before.tier;
        const managerId = given('managerId') ? (changes.managerId ?? null) : before.managerId;
        await this.checkCompetency(em, { orgId: before.orgId, tenantId: before.tenantId, tier, managerId }, given('managerId') ? 'managerId' : 'tier');
      }
      await this.projects.update(em, before.id, changes);
      // A new start changes which periods the project owes; a new phase, which gates it should have passed.
      if (given('startDate') || given('currentPhase')) await this.complianceNow(em, before);
      return this.recorded(em, before, 'update');
    });
  }

  async transition(id: string, to: ProjectState): Promise<ProjectModel> {
    return this.db.transaction(async (em) => {
      const before = await this.locks.lock(em, id, Permission.MANAGE_PROJECTS);
      checkTransition(before.state, to);
      if (to === ProjectState.COMPLETED) await this.closure.assertClosable(em, before.id);
      await this.projects.update(em, before.id, { state: to });
      await this.complianceNow(em, before);
      return this.recorded(em, before, 'transition');
    });
  }

  /** Moves a project to another tenant of its organization; its values and rollups follow. */
  async move(id: string, tenantId: string): Promise<ProjectModel> {
    // Compared with the stored ids as PostgreSQL compares uuids: whatever the letter case.
    const target = tenantId.toLowerCase();
    return this.db.transaction(async (em) => {
      const before = await this.locks.lock(em, id, Permission.MANAGE_PROJECTS);
      await this.access.require(em, Permission.MANAGE_PROJECTS, [target]);
      if (target === before.tenantId) return projectModel(before);
      const tenant = (await this.projects.tenant(em, target)) as TenantOfProject;
      if (tenant.orgId !== before.orgId) throw badInput('A project moves only inside its organization', { field: 'tenantId' });
      // Its values must stay under KPIs in force where it lands, or they would count
      // towards figures that the target's readers cannot see or correct.
      const foreign = await this.values.keyNotInForce(em, before.id, tenant.path);
      if (foreign) throw badInput(`The project reports KPI "${foreign}", which is not in force at the target tenant`, { field: 'tenantId' });
      if (await this.projects.codeTaken(em, target, before.code)) {
        throw conflict(`A project with code "${before.code}" exists in the target tenant`, { field: 'tenantId' });
      }
      // A program belongs to one tenant: the project leaves it, and its manager must still be a member.
      const managerStays = before.managerId ? await this.projects.memberCovers(em, before.managerId, target) : false;
      await this.checkCompetency(
        em,
        { orgId: before.orgId, tenantId: target, tier: before.tier, managerId: managerStays ? before.managerId : null },
        'managerId',
      );
      await this.projects.update(em, before.id, { tenantId: target, programId: null, managerId: managerStays ? before.managerId : null });
      const nodes = await this.values.nodesOfProject(em, before.id);
      this.rollups.scheduleAfterCommit(
        em,
        nodes.flatMap((node) => [before.tenantId, target].map((tenantId) => ({ tenantId, kpiId: node.kpi_id, period: node.period }))),
      );
      return this.recorded(em, before, 'move');
    });
  }

  async list(
    tenantId: string,
    first: number | null | undefined,
    after: string | null | undefined,
    filter: ProjectFilter | null | undefined,
    sort: ProjectSort,
  ): Promise<ProjectConnectionModel> {
    const size = checkPageSize(first);
    const cursor = after ? decodeCursor(after, sort) : null;
    const text = filter?.text?.trim();
    const where: ProjectListFilter = {
      rootTenantId: tenantId,
      states: filter?.states,
      programId: filter?.programId,
      pattern: text ? likePattern(text) : undefined,
      latestStatusRag: filter?.latestStatusRag,
    };
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [tenantId]);
      const rows = await this.projects.page(em, where, { sort: SORTS[sort], after: cursor, limit: size + 1 });
      const totalCount = await this.projects.count(em, where);
      const page = pageOf(rows, size, ({ project, sortKey }) => ({
        cursor: encodeCursor({ list: sort, key: sortKey, id: project.id }),
        node: projectModel(project),
      }));
      return { ...page, totalCount };
    });
  }

  /** Batched per request: a list of values asking for their projects costs one statement. */
  load(id: string): Promise<ProjectModel | null> {
    return requestLoader<string, ProjectModel | null>('projects.project', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, (await this.projects.findByIds(em, ids)).map(projectModel), (row) => row.id), { fresh: true }),
    ).load(id);
  }

  /** Batched per request, like `load`. */
  phases(projectId: string): ProjectPhaseModel[] | Promise<ProjectPhaseModel[]> {
    return loadNow(
      requestLoader<string, ProjectPhaseModel[]>('projects.phases', (ids) =>
        this.db.transaction(async (em) => groupByKeys(ids, (await this.projects.phases(em, ids)).map(projectPhaseModel), (row) => row.projectId), {
          fresh: true,
        }),
      ),
      projectId,
    );
  }

  /** Batched per request, like `load`; null for a manager the caller may not see as a user. */
  manager(userId: string): ProjectManagerModel | null | Promise<ProjectManagerModel | null> {
    return loadNow(
      requestLoader<string, ProjectManagerModel | null>('projects.manager', (ids) =>
        this.db.transaction(async (em) => byKeys(ids, await this.projects.managers(em, ids), (row) => row.id), { fresh: true }),
      ),
      userId,
    );
  }

  private async recorded(em: EntityManager, before: ProjectEntity, action: string): Promise<ProjectModel> {
    const after = projectModel((await this.projects.findById(em, before.id)) as ProjectEntity);
    await this.audit.record(em, {
      tenantId: after.tenantId,
      orgId: after.orgId,
      entity: 'project',
      entityId: after.id,
      action,
      before: auditView(projectModel(before)),
      after: auditView(after),
    });
    return after;
  }

  private async checkProgram(em: EntityManager, programId: string, tenantId: string): Promise<void> {
    const program = await this.programs.findById(em, programId);
    if (!program) throw notFound('Program');
    if (program.tenantId !== tenantId) throw badInput("The program belongs to another tenant than the project's", { field: 'programId' });
  }

  private async checkManager(em: EntityManager, userId: string, tenantId: string): Promise<void> {
    if (!(await this.projects.memberCovers(em, userId, tenantId))) {
      throw badInput("The manager must hold a membership on the project's tenant or one of its ancestors", { field: 'managerId' });
    }
  }

  /** A manager of a tiered project holds the level the competency rule in force there requires. */
  private async checkCompetency(
    em: EntityManager,
    project: { orgId: string; tenantId: string; tier: number | null; managerId: string | null },
    field: 'managerId' | 'tier',
  ): Promise<void> {
    if (project.tier === null || project.managerId === null) return;
    const shortfall = await this.competency.shortfall(em, { ...project, tier: project.tier, managerId: project.managerId });
    if (shortfall) throw badInput(shortfall, { field });
  }

  /** The project's compliance for the current period, once the transaction commits. */
  private complianceNow(em: EntityManager, project: ProjectEntity): Promise<void> {
    return this.compliance.changed(em, [{ orgId: project.orgId, tenantId: project.tenantId, projectId: project.id, period: periodOf(new Date()) }]);
  }

  /** One of the project's phases; forward only past gates a gate review approved (moving back is free). */
  private async checkPhase(em: EntityManager, project: ProjectEntity, phase: string | null): Promise<string | null> {
    if (phase === null) return null;
    const phases = await this.projects.phases(em, [project.id]);
    if (!phases.length) return phase;
    const target = phases.find((p) => p.name === phase);
    if (!target) throw badInput(`"${phase}" is not one of this project's phases`, { field: 'currentPhase' });
    const from = phases.find((p) => p.name === project.currentPhase)?.position ?? 0;
    const crossed = phases.filter((p) => p.position >= from && p.position < target.position && p.gateName !== null);
    if (!crossed.length) return phase;
    const passed = await this.gates.passed(em, project.id);
    const unpassed = crossed.find((p) => !passed.has(p.position));
    if (unpassed) {
      throw badInput(`The gate "${unpassed.gateName}" that ends phase "${unpassed.name}" has no approved gate review`, { field: 'currentPhase' });
    }
    return phase;
  }

  /** A published version of the methodology in force for the tenant (its own or an ancestor's). */
  private async methodology(em: EntityManager, methodologyId: string, version: number | null, path: string[]) {
    const found = await this.projects.publishedMethodologyVersion(em, methodologyId, path, version);
    if (!found) throw badInput("No published version of that methodology applies to the project's tenant", { field: 'methodologyId' });
    return found;
  }
}

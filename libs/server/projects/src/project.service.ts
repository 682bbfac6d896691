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
  checkText,
  conflict,
  decodeCursor,
  encodeCursor,
  notFound,
  optionalText,
  pageOf,
  Permission,
  requireUuid,
  RollupScheduler,
  TenantDb,
} from '@pmo/core';
import { CreateProjectInput, ProjectFilter, ProjectSort, UpdateProjectInput } from './dto/project.inputs';
import { ProjectConnectionModel, ProjectModel } from './models/project.model';
import { ProjectAccess } from './project-access';
import { PROJECT_COLUMNS } from './project-rows';
import { addDays, checkAmount, checkCode, checkDate, checkDateRange, checkInitialState, checkPageSize, checkTransition, likePattern } from './rules';

interface MethodologySnapshot {
  phases?: Array<{ name?: unknown; gate?: { name?: unknown; deliverables?: unknown; approverRole?: unknown } | null }>;
  milestones?: Array<{ name?: unknown; phase?: unknown; offsetDays?: unknown }>;
}

const SORTS: Record<ProjectSort, { column: string; type: string; direction: 'ASC' | 'DESC' }> = {
  [ProjectSort.CODE_ASC]: { column: 'p.code', type: 'text', direction: 'ASC' },
  [ProjectSort.CODE_DESC]: { column: 'p.code', type: 'text', direction: 'DESC' },
  [ProjectSort.NAME_ASC]: { column: 'p.name', type: 'text', direction: 'ASC' },
  [ProjectSort.NAME_DESC]: { column: 'p.name', type: 'text', direction: 'DESC' },
  [ProjectSort.CREATED_AT_ASC]: { column: 'p.created_at', type: 'timestamptz', direction: 'ASC' },
  [ProjectSort.CREATED_AT_DESC]: { column: 'p.created_at', type: 'timestamptz', direction: 'DESC' },
};

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
});

@Injectable()
export class ProjectService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
    private readonly rollups: RollupScheduler,
  ) {}

  async find(id: string): Promise<ProjectModel | null> {
    const key = requireUuid(id, 'id');
    return this.db.transaction((em) => this.projects.read(em, key));
  }

  async create(input: CreateProjectInput): Promise<ProjectModel> {
    const tenantId = requireUuid(input.tenantId, 'tenantId');
    const code = checkCode(input.code);
    const name = checkText(input.name, 'name');
    const description = optionalText(input.description, 'description');
    const state = checkInitialState(input.state);
    const startDate = input.startDate ? checkDate(input.startDate, 'startDate') : null;
    const endDate = input.endDate ? checkDate(input.endDate, 'endDate') : null;
    checkDateRange(startDate, endDate);
    const plannedBudget = checkAmount(input.plannedBudget, 'plannedBudget');
    const actualCost = checkAmount(input.actualCost, 'actualCost');
    const programId = input.programId ? requireUuid(input.programId, 'programId') : null;
    const managerId = input.managerId ? requireUuid(input.managerId, 'managerId') : null;
    const methodologyId = input.methodologyId ? requireUuid(input.methodologyId, 'methodologyId') : null;
    if (methodologyId && !startDate) throw badInput('startDate is required to follow a methodology: milestones are due from it', { field: 'startDate' });

    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.MANAGE_PROJECTS, [tenantId]);
      const [tenant]: Array<{ org_id: string; path: string[] }> = await em.query('SELECT org_id, path FROM tenants WHERE id = $1', [tenantId]);
      if (programId) await this.checkProgram(em, programId, tenantId);
      if (managerId) await this.checkManager(em, managerId, tenantId);
      const methodology = methodologyId ? await this.methodology(em, methodologyId, input.methodologyVersion ?? null, tenant.path) : null;
      const phases = methodology ? this.phasesOf(methodology.snapshot) : [];

      const id = randomUUID();
      const inserted = await em.query(
        `INSERT INTO projects (id, org_id, tenant_id, code, name, description, state, start_date, end_date, planned_budget,
                               actual_cost, program_id, manager_id, methodology_id, methodology_version, current_phase)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::numeric, $11::numeric, $12, $13, $14, $15, $16)
         ON CONFLICT (tenant_id, lower(code)) DO NOTHING RETURNING id`,
        [
          id,
          tenant.org_id,
          tenantId,
          code,
          name,
          description,
          state,
          startDate,
          endDate,
          plannedBudget,
          actualCost,
          programId,
          managerId,
          methodology?.id ?? null,
          methodology?.version ?? null,
          phases[0]?.name ?? null,
        ],
      );
      if (!inserted.length) throw conflict(`A project with code "${code}" exists in this tenant`);
      if (methodology) await this.copyMethodology(em, id, tenantId, tenant.org_id, phases, methodology.snapshot, startDate as string);
      const project = (await this.projects.read(em, id)) as ProjectModel;
      await this.audit.record(em, { tenantId, orgId: tenant.org_id, entity: 'project', entityId: id, action: 'create', after: auditView(project) });
      return project;
    });
  }

  async update(id: string, input: UpdateProjectInput): Promise<ProjectModel> {
    return this.db.transaction(async (em) => {
      const before = await this.projects.lock(em, id, Permission.MANAGE_PROJECTS);
      const has = (key: keyof UpdateProjectInput) => Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined;
      const next = { ...before };
      if (has('name')) {
        if (input.name === null) throw badInput('name cannot be cleared', { field: 'name' });
        next.name = checkText(input.name as string, 'name');
      }
      if (has('description')) next.description = optionalText(input.description, 'description');
      if (has('startDate')) next.startDate = input.startDate ? checkDate(input.startDate, 'startDate') : null;
      if (has('endDate')) next.endDate = input.endDate ? checkDate(input.endDate, 'endDate') : null;
      checkDateRange(next.startDate, next.endDate);
      const plannedBudget = has('plannedBudget') ? checkAmount(input.plannedBudget, 'plannedBudget') : undefined;
      const actualCost = has('actualCost') ? checkAmount(input.actualCost, 'actualCost') : undefined;
      if (has('programId')) {
        next.programId = input.programId ? requireUuid(input.programId, 'programId') : null;
        if (next.programId) await this.checkProgram(em, next.programId, before.tenantId);
      }
      if (has('managerId')) {
        next.managerId = input.managerId ? requireUuid(input.managerId, 'managerId') : null;
        if (next.managerId) await this.checkManager(em, next.managerId, before.tenantId);
      }
      if (has('currentPhase')) next.currentPhase = await this.checkPhase(em, before.id, input.currentPhase ?? null);
      await em.query(
        `UPDATE projects SET name = $2, description = $3, start_date = $4, end_date = $5,
                planned_budget = CASE WHEN $6 THEN $7::numeric ELSE planned_budget END,
                actual_cost = CASE WHEN $8 THEN $9::numeric ELSE actual_cost END,
                program_id = $10, manager_id = $11, current_phase = $12, updated_at = now()
          WHERE id = $1`,
        [
          before.id,
          next.name,
          next.description,
          next.startDate,
          next.endDate,
          plannedBudget !== undefined,
          plannedBudget ?? null,
          actualCost !== undefined,
          actualCost ?? null,
          next.programId,
          next.managerId,
          next.currentPhase,
        ],
      );
      return this.recorded(em, before, 'update');
    });
  }

  async transition(id: string, to: ProjectState): Promise<ProjectModel> {
    return this.db.transaction(async (em) => {
      const before = await this.projects.lock(em, id, Permission.MANAGE_PROJECTS);
      checkTransition(before.state, to);
      await em.query('UPDATE projects SET state = $2, updated_at = now() WHERE id = $1', [before.id, to]);
      return this.recorded(em, before, 'transition');
    });
  }

  /** Moves a project to another tenant of its organization; its values and rollups follow. */
  async move(id: string, tenantId: string): Promise<ProjectModel> {
    const target = requireUuid(tenantId, 'tenantId');
    return this.db.transaction(async (em) => {
      const before = await this.projects.lock(em, id, Permission.MANAGE_PROJECTS);
      await this.access.require(em, Permission.MANAGE_PROJECTS, [target]);
      if (target === before.tenantId) return before;
      const [tenant]: Array<{ org_id: string; path: string[] }> = await em.query('SELECT org_id, path FROM tenants WHERE id = $1', [target]);
      if (tenant.org_id !== before.orgId) throw badInput('A project moves only inside its organization', { field: 'tenantId' });
      // Its values must stay under KPIs in force where it lands, or they would count
      // towards figures that the target's readers cannot see or correct.
      const [foreign]: Array<{ key: string }> = await em.query(
        `SELECT d.key FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
          WHERE v.project_id = $1 AND NOT d.tenant_id = ANY($2::uuid[]) LIMIT 1`,
        [before.id, tenant.path],
      );
      if (foreign) throw badInput(`The project reports KPI "${foreign.key}", which is not in force at the target tenant`, { field: 'tenantId' });
      const [clash] = await em.query('SELECT 1 FROM projects WHERE tenant_id = $1 AND lower(code) = lower($2)', [target, before.code]);
      if (clash) throw conflict(`A project with code "${before.code}" exists in the target tenant`);
      // A program belongs to one tenant: the project leaves it, and its manager must still be a member.
      const managerStays = before.managerId ? await this.covers(em, before.managerId, target) : false;
      await em.query('UPDATE projects SET tenant_id = $2, program_id = NULL, manager_id = $3, updated_at = now() WHERE id = $1', [
        before.id,
        target,
        managerStays ? before.managerId : null,
      ]);
      const nodes: Array<{ kpi_id: string; period: string }> = await em.query('SELECT DISTINCT kpi_id, period FROM kpi_values WHERE project_id = $1', [
        before.id,
      ]);
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
    const root = requireUuid(tenantId, 'tenantId');
    const size = checkPageSize(first);
    const order = SORTS[sort];
    const cursor = after ? decodeCursor(after, sort) : null;
    const params: unknown[] = [root];
    const where = ['p.tenant_id IN (SELECT id FROM tenants WHERE path @> ARRAY[$1::uuid])'];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter?.states?.length) where.push(`p.state = ANY(${param(filter.states)}::text[])`);
    if (filter?.programId) where.push(`p.program_id = ${param(requireUuid(filter.programId, 'programId'))}`);
    if (filter?.text?.trim()) where.push(`(p.code ILIKE ${param(likePattern(filter.text.trim()))} OR p.name ILIKE $${params.length})`);
    if (filter?.latestStatusRag?.length) {
      where.push(
        `(SELECT s.overall FROM status_reports s WHERE s.project_id = p.id ORDER BY s.period DESC LIMIT 1) = ANY(${param(filter.latestStatusRag)}::text[])`,
      );
    }
    const countParams = [...params];
    const filters = where.join(' AND ');
    if (cursor) {
      const op = order.direction === 'ASC' ? '>' : '<';
      where.push(`(${order.column}, p.id) ${op} (${param(cursor.key)}::${order.type}, ${param(cursor.id)}::uuid)`);
    }
    return this.db.transaction(async (em) => {
      await this.access.require(em, Permission.READ, [root]);
      const rows: Array<ProjectModel & { sortKey: string }> = await em.query(
        `SELECT ${PROJECT_COLUMNS}, ${order.column}::text AS "sortKey" FROM projects p
          WHERE ${where.join(' AND ')}
          ORDER BY ${order.column} ${order.direction}, p.id ${order.direction} LIMIT ${size + 1}`,
        params,
      );
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM projects p WHERE ${filters}`, countParams);
      const page = pageOf(rows, size, ({ sortKey, ...node }) => ({ cursor: encodeCursor({ list: sort, key: sortKey, id: node.id }), node }));
      return { ...page, totalCount: count };
    });
  }

  private async recorded(em: EntityManager, before: ProjectModel, action: string): Promise<ProjectModel> {
    const after = (await this.projects.read(em, before.id)) as ProjectModel;
    await this.audit.record(em, {
      tenantId: after.tenantId,
      orgId: after.orgId,
      entity: 'project',
      entityId: after.id,
      action,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  }

  private async checkProgram(em: EntityManager, programId: string, tenantId: string): Promise<void> {
    const [program] = await em.query('SELECT tenant_id FROM programs WHERE id = $1', [programId]);
    if (!program) throw notFound('Program');
    if (program.tenant_id !== tenantId) throw badInput("The program belongs to another tenant than the project's", { field: 'programId' });
  }

  private async covers(em: EntityManager, userId: string, tenantId: string): Promise<boolean> {
    const [{ covers }] = await em.query('SELECT pmo_member_covers($1, $2) AS covers', [userId, tenantId]);
    return covers;
  }

  private async checkManager(em: EntityManager, userId: string, tenantId: string): Promise<void> {
    if (!(await this.covers(em, userId, tenantId))) {
      throw badInput("The manager must hold a membership on the project's tenant or one of its ancestors", { field: 'managerId' });
    }
  }

  private async checkPhase(em: EntityManager, projectId: string, phase: string | null): Promise<string | null> {
    if (phase === null) return null;
    const name = checkText(phase, 'currentPhase');
    const phases: Array<{ name: string }> = await em.query('SELECT name FROM project_phases WHERE project_id = $1', [projectId]);
    if (phases.length && !phases.some((p) => p.name === name)) {
      throw badInput(`"${name}" is not one of this project's phases`, { field: 'currentPhase' });
    }
    return name;
  }

  /** A published version of the methodology in force for the tenant (its own or an ancestor's). */
  private async methodology(em: EntityManager, methodologyId: string, version: number | null, path: string[]) {
    // A retired methodology starts no new project; projects already on it keep their copy.
    const rows: Array<{ id: string; version: number; snapshot: MethodologySnapshot }> = await em.query(
      `SELECT v.methodology_id AS id, v.version, v.snapshot
         FROM methodology_versions v JOIN methodologies m ON m.id = v.methodology_id AND m.status = 'PUBLISHED'
        WHERE v.methodology_id = $1 AND v.tenant_id = ANY($2::uuid[]) AND ($3::int IS NULL OR v.version = $3)
        ORDER BY v.version DESC LIMIT 1`,
      [methodologyId, path, version],
    );
    if (!rows.length) throw badInput("No published version of that methodology applies to the project's tenant", { field: 'methodologyId' });
    return rows[0];
  }

  private phasesOf(snapshot: MethodologySnapshot) {
    return (snapshot.phases ?? []).map((phase, position) => {
      if (typeof phase?.name !== 'string' || !phase.name) throw badInput('The methodology version has a phase without a name', { field: 'methodologyId' });
      const gate = phase.gate && typeof phase.gate.name === 'string' ? phase.gate : null;
      return {
        position,
        name: phase.name,
        gateName: gate ? (gate.name as string) : null,
        deliverables: gate && Array.isArray(gate.deliverables) ? gate.deliverables.map(String) : [],
        approverRole: gate && typeof gate.approverRole === 'string' ? gate.approverRole : null,
      };
    });
  }

  private async copyMethodology(
    em: EntityManager,
    projectId: string,
    tenantId: string,
    orgId: string,
    phases: ReturnType<ProjectService['phasesOf']>,
    snapshot: MethodologySnapshot,
    startDate: string,
  ): Promise<void> {
    for (const phase of phases) {
      await em.query(
        `INSERT INTO project_phases (project_id, position, tenant_id, org_id, name, gate_name, gate_deliverables, gate_approver_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [projectId, phase.position, tenantId, orgId, phase.name, phase.gateName, JSON.stringify(phase.deliverables), phase.approverRole],
      );
    }
    for (const milestone of snapshot.milestones ?? []) {
      const offset = Number(milestone?.offsetDays ?? 0);
      if (typeof milestone?.name !== 'string' || !milestone.name || !Number.isInteger(offset)) {
        throw badInput('The methodology version has a malformed milestone', { field: 'methodologyId' });
      }
      await em.query(`INSERT INTO milestones (id, project_id, tenant_id, org_id, name, phase, due_date) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        randomUUID(),
        projectId,
        tenantId,
        orgId,
        milestone.name,
        typeof milestone.phase === 'string' ? milestone.phase : null,
        addDays(startDate, offset),
      ]);
    }
  }
}

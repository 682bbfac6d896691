// Milestones: dated checkpoints of a project; their status is derived, never stored.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService, badInput, checkText, notFound, optionalText, Permission, requireUuid, TenantDb } from '@pmo/core';
import { AddMilestoneInput } from './dto/project.inputs';
import { MilestoneModel } from './models/project.model';
import { ProjectAccess } from './project-access';
import { MILESTONE_COLUMNS } from './project-rows';
import { checkDate } from './rules';

@Injectable()
export class MilestoneService {
  constructor(
    private readonly db: TenantDb,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
  ) {}

  async add(input: AddMilestoneInput): Promise<MilestoneModel> {
    const name = checkText(input.name, 'name');
    const dueDate = checkDate(input.dueDate, 'dueDate');
    const phase = optionalText(input.phase, 'phase', 200);
    return this.db.transaction(async (em) => {
      const project = await this.projects.lock(em, input.projectId, Permission.MANAGE_PROJECTS, 'projectId');
      const id = randomUUID();
      await em.query('INSERT INTO milestones (id, project_id, tenant_id, org_id, name, phase, due_date) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id,
        project.id,
        project.tenantId,
        project.orgId,
        name,
        phase,
        dueDate,
      ]);
      const milestone = await this.read(em, id);
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'milestone',
        entityId: id,
        action: 'create',
        after: { projectId: project.id, name, phase, dueDate },
      });
      return milestone;
    });
  }

  async complete(id: string, completedOn: string): Promise<MilestoneModel> {
    const key = requireUuid(id, 'id');
    const date = checkDate(completedOn, 'completedOn');
    return this.db.transaction(async (em) => {
      const [found]: Array<{ projectId: string }> = await em.query('SELECT project_id AS "projectId" FROM milestones WHERE id = $1', [key]);
      if (!found) throw notFound('Milestone');
      const project = await this.projects.lock(em, found.projectId, Permission.MANAGE_PROJECTS);
      const before = await this.read(em, key);
      if (before.completedOn) throw badInput(`The milestone was completed on ${before.completedOn}`, { field: 'id' });
      await em.query('UPDATE milestones SET completed_on = $2 WHERE id = $1', [key, date]);
      const after = await this.read(em, key);
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'milestone',
        entityId: key,
        action: 'complete',
        before: { completedOn: before.completedOn },
        after: { completedOn: after.completedOn },
      });
      return after;
    });
  }

  private async read(em: EntityManager, id: string): Promise<MilestoneModel> {
    const [row] = await em.query(`SELECT ${MILESTONE_COLUMNS} FROM milestones m WHERE m.id = $1`, [id]);
    return row;
  }
}

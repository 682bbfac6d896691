// Milestones: dated checkpoints of a project; their status is derived, never stored.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AuditService,
  badInput,
  checkDate,
  COMPLIANCE_HORIZON,
  ComplianceFeed,
  groupByKeys,
  loadNow,
  notFound,
  periodOf,
  periodsBetween,
  Permission,
  requestLoader,
  TenantDb,
} from '@pmo/core';
import { EntityManager } from 'typeorm';
import { ProjectAccess } from '../project/project-access';
import { MilestoneEntity } from './milestone.entity';
import { AddMilestoneInput } from './milestone.inputs';
import { milestoneModel, MilestoneModel } from './milestone.model';
import { MilestoneRepository } from './milestone.repository';

@Injectable()
export class MilestoneService {
  constructor(
    private readonly db: TenantDb,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
    private readonly milestones: MilestoneRepository,
    private readonly compliance: ComplianceFeed,
  ) {}

  async add(input: AddMilestoneInput): Promise<MilestoneModel> {
    const { name, dueDate } = input;
    const phase = input.phase ?? null;
    return this.db.transaction(async (em) => {
      const project = await this.projects.lock(em, input.projectId, Permission.MANAGE_PROJECTS);
      const id = randomUUID();
      await this.milestones.insert(em, [{ id, projectId: project.id, tenantId: project.tenantId, orgId: project.orgId, name, phase, dueDate }]);
      const milestone = (await this.milestones.findById(em, id)) as MilestoneEntity;
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'milestone',
        entityId: id,
        action: 'create',
        after: { projectId: project.id, name, phase, dueDate },
      });
      await this.lateness(em, project, dueDate);
      return milestoneModel(milestone);
    });
  }

  async complete(id: string, completedOn: string): Promise<MilestoneModel> {
    const date = checkDate(completedOn, 'completedOn');
    return this.db.transaction(async (em) => {
      const found = await this.milestones.findById(em, id);
      if (!found) throw notFound('Milestone');
      const project = await this.projects.lock(em, found.projectId, Permission.MANAGE_PROJECTS);
      // Read again under the project's lock: a concurrent completion has committed by now.
      const before = (await this.milestones.findById(em, found.id)) as MilestoneEntity;
      if (before.completedOn) throw badInput(`The milestone was completed on ${before.completedOn}`, { field: 'id' });
      await this.milestones.complete(em, before.id, date);
      const after = (await this.milestones.findById(em, before.id)) as MilestoneEntity;
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'milestone',
        entityId: before.id,
        action: 'complete',
        before: { completedOn: before.completedOn },
        after: { completedOn: after.completedOn },
      });
      await this.lateness(em, project, before.dueDate);
      return milestoneModel(after);
    });
  }

  /** A milestone due on `dueDate` counts towards compliance in every period from its due month to now. */
  private lateness(em: EntityManager, project: { id: string; tenantId: string; orgId: string }, dueDate: string): Promise<void> {
    const periods = periodsBetween(dueDate.slice(0, 7), periodOf(new Date()), COMPLIANCE_HORIZON);
    return this.compliance.changed(
      em,
      periods.map((period) => ({ orgId: project.orgId, tenantId: project.tenantId, projectId: project.id, period })),
    );
  }

  /** Batched per request: a list of projects asking for their milestones costs one statement. */
  byProject(projectId: string): MilestoneModel[] | Promise<MilestoneModel[]> {
    return loadNow(
      requestLoader<string, MilestoneModel[]>('projects.milestones', (ids) =>
        this.db.transaction(async (em) => groupByKeys(ids, (await this.milestones.byProjects(em, ids)).map(milestoneModel), (row) => row.projectId), {
          fresh: true,
        }),
      ),
      projectId,
    );
  }
}

// Loading a project for a change: the row locked for the transaction, and the caller's
// permission on its tenant checked. A project the caller cannot see is NOT_FOUND.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, notFound, Permission, requireUuid } from '@pmo/core';
import { ProjectModel } from './models/project.model';
import { PROJECT_COLUMNS } from './project-rows';

@Injectable()
export class ProjectAccess {
  constructor(private readonly access: AccessService) {}

  async lock(em: EntityManager, id: string, permission: Permission, field = 'id'): Promise<ProjectModel> {
    const [project]: ProjectModel[] = await em.query(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1 FOR UPDATE`, [requireUuid(id, field)]);
    if (!project) throw notFound('Project');
    await this.access.require(em, permission, [project.tenantId]);
    return project;
  }

  async read(em: EntityManager, id: string): Promise<ProjectModel | null> {
    const [project]: ProjectModel[] = await em.query(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = $1`, [id]);
    return project ?? null;
  }
}

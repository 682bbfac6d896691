// Loading a project for a change: the row locked for the transaction, and the caller's
// permission on its tenant checked. A project the caller cannot see is NOT_FOUND.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, notFound, Permission } from '@pmo/core';
import { ProjectEntity } from './project.entity';
import { ProjectRepository } from './project.repository';

@Injectable()
export class ProjectAccess {
  constructor(
    private readonly access: AccessService,
    private readonly projects: ProjectRepository,
  ) {}

  async lock(em: EntityManager, id: string, permission: Permission): Promise<ProjectEntity> {
    const project = await this.projects.lock(em, id);
    if (!project) throw notFound('Project');
    await this.access.require(em, permission, [project.tenantId]);
    return project;
  }
}

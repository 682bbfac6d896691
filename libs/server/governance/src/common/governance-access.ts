// The caller as governance sees them: who they are and the roles they hold on a project's
// tenant path. Memberships come from core's AccessService (loaded once per request); the
// rules that read them are pure (roles.ts and each aggregate's rules).
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessService, currentContext, effectiveRole, forbidden, notFound, Permission } from '@pmo/core';
import { Role } from '@pmo/shared';
import { PathMembership } from './roles';
import { GovernedProjectRepository } from './governed-project.repository';
import { GovernedProjectRow } from './governed-project.sql';

@Injectable()
export class GovernanceAccess {
  constructor(
    private readonly access: AccessService,
    private readonly projects: GovernedProjectRepository,
  ) {}

  /** The signed-in user: governance records who acted, and a job acts for nobody. */
  userId(): string {
    const actor = currentContext().actor;
    if (actor.kind !== 'user') throw forbidden();
    return actor.userId;
  }

  /** The caller's memberships on a tenant path (root first). */
  async memberships(em: EntityManager, path: readonly string[]): Promise<PathMembership[]> {
    return (await this.access.grants(em)).filter((grant) => path.includes(grant.tenantId));
  }

  async roleOn(em: EntityManager, path: readonly string[]): Promise<Role | null> {
    return effectiveRole(await this.memberships(em, path), path);
  }

  /** A tenant's subtree may be read: NOT_FOUND when the caller cannot see the tenant. */
  async requireRead(em: EntityManager, tenantId: string): Promise<void> {
    await this.access.require(em, Permission.READ, [tenantId]);
  }

  /** A project the caller can see, or null. */
  findProject(em: EntityManager, projectId: string): Promise<GovernedProjectRow | null> {
    return this.projects.find(em, projectId);
  }

  /** A project the caller can see (locked for a change of its state or phase), or NOT_FOUND. */
  async project(em: EntityManager, projectId: string, options: { lock?: boolean } = {}): Promise<GovernedProjectRow> {
    const project = options.lock ? await this.projects.lock(em, projectId) : await this.projects.find(em, projectId);
    if (!project) throw notFound('Project');
    return project;
  }
}

// Projects for the `project` fields governance's types return, batched per request and
// read through RLS: the Project type's own fields (the projects library's) resolve from them.
import { Injectable } from '@nestjs/common';
import { byKeys, requestLoader, TenantDb } from '@pmo/core';
import { GovernedProjectRepository } from './governed-project.repository';
import { ProjectCardRow } from './governed-project.sql';

@Injectable()
export class ProjectCards {
  constructor(
    private readonly db: TenantDb,
    private readonly projects: GovernedProjectRepository,
  ) {}

  load(projectId: string): Promise<ProjectCardRow | null> {
    return this.loader().load(projectId);
  }

  /** Answers `load` with what a transaction read, for a reader about to lose sight of the project. */
  prime(card: ProjectCardRow): void {
    this.loader().prime(card.id, card);
  }

  private loader() {
    return requestLoader<string, ProjectCardRow | null>('governance.project', (ids) =>
      this.db.transaction(async (em) => byKeys(ids, await this.projects.cards(em, ids), (row) => row.id), { fresh: true }),
    );
  }
}

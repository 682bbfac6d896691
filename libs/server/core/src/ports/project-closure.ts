// Whether a project may be COMPLETED as far as other features are concerned: the lessons
// archive implements this port (a project closes with a submitted lesson or its manager's
// statement that there is none); projects asks it when a project moves to COMPLETED, so no
// feature imports another.
import type { EntityManager } from 'typeorm';

export abstract class ProjectClosure {
  /** Throws a DomainError naming the rule when the project may not be COMPLETED yet. */
  abstract assertClosable(em: EntityManager, projectId: string): Promise<void>;
}

// Which of a project's gates it has passed: governance records gate reviews and
// implements this port; projects asks it before moving a project forward by hand, so
// updateProject cannot skip a gate and no feature imports another.
import type { EntityManager } from 'typeorm';

export abstract class PhaseGates {
  /** The positions of the project's phases whose gate a review approved (with or without conditions). */
  abstract passed(em: EntityManager, projectId: string): Promise<ReadonlySet<number>>;
}

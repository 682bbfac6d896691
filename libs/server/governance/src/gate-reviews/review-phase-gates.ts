// Core's PhaseGates port, answered from the gate reviews: projects asks it before a hand
// move of a project's phase, so a gate is passed only through a review.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PhaseGates } from '@pmo/core';
import { GateReviewRepository } from './gate-review.repository';

@Injectable()
export class ReviewPhaseGates extends PhaseGates {
  constructor(private readonly reviews: GateReviewRepository) {
    super();
  }

  passed(em: EntityManager, projectId: string): Promise<ReadonlySet<number>> {
    return this.reviews.passedPositions(em, projectId);
  }
}

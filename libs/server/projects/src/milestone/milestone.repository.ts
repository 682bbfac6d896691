// Statements on milestones: adding them (one, or a methodology's set at once), completing
// one, and reading them by id or by project.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run } from '@pmo/core';
import { MilestoneEntity } from './milestone.entity';
import { MILESTONES_OF_PROJECTS } from './milestone.sql';

export type NewMilestone = Omit<MilestoneEntity, 'completedOn' | 'createdAt'>;

@Injectable()
export class MilestoneRepository {
  @GenerateSql({
    params: [
      [
        {
          id: DummyValue.UUID,
          projectId: DummyValue.UUID,
          tenantId: DummyValue.UUID,
          orgId: DummyValue.UUID,
          name: DummyValue.TEXT,
          phase: null,
          dueDate: DummyValue.DATE,
        },
      ],
    ],
  })
  async insert(em: EntityManager, milestones: NewMilestone[]): Promise<void> {
    if (milestones.length) await em.createQueryBuilder().insert().into(MilestoneEntity).values(milestones).updateEntity(false).execute();
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  findById(em: EntityManager, id: string): Promise<MilestoneEntity | null> {
    return em.findOneBy(MilestoneEntity, { id });
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.DATE] })
  async complete(em: EntityManager, id: string, completedOn: string): Promise<void> {
    await em.update(MilestoneEntity, { id }, { completedOn });
  }

  /** The milestones of each project, soonest due first. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  byProjects(em: EntityManager, projectIds: readonly string[]): Promise<MilestoneEntity[]> {
    return run(em, MILESTONES_OF_PROJECTS, [projectIds]);
  }
}

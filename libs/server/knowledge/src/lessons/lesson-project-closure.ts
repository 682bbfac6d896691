// The lessons side of a project's closure (core's ProjectClosure port): COMPLETED only with
// a lesson submitted (or later), whoever can read it, or the manager's statement that
// there is none.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { badInput, ProjectClosure } from '@pmo/core';
import { LessonRepository } from './lesson.repository';

@Injectable()
export class LessonProjectClosure extends ProjectClosure {
  constructor(private readonly lessons: LessonRepository) {
    super();
  }

  async assertClosable(em: EntityManager, projectId: string): Promise<void> {
    if (!(await this.lessons.closable(em, projectId))) {
      throw badInput('A project is COMPLETED only once it has a SUBMITTED lesson or its manager stated that it has none (declareNoLessons)', { field: 'to' });
    }
  }
}

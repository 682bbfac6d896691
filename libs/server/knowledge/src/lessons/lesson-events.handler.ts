// The consumer of lessons' events, for now: it logs what happened and completes the
// outbox row, so the outbox drains.
import { Injectable, Logger } from '@nestjs/common';
import { OnJob, OutboxService, TenantDb } from '@pmo/core';
import { LESSON_PUBLISHED_JOB, LessonPublishedPayload } from './lesson-events.jobs';

@Injectable()
export class LessonEventsHandler {
  private readonly logger = new Logger(LessonEventsHandler.name);

  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxService,
  ) {}

  @OnJob(LESSON_PUBLISHED_JOB)
  async lessonPublished(payload: LessonPublishedPayload): Promise<void> {
    const fresh = await this.db.transaction((em) => this.outbox.complete(em, payload.outboxId));
    if (fresh) this.logger.log(`lesson ${payload.lessonId} of project ${payload.projectId} published (${payload.visibility})`);
  }
}

// Lessons' events, published through the outbox in the transaction of the change; the
// notifications fan-out consumes them by name.
import { defineJob, OutboxPayload } from '@pmo/core';
import { QueueName } from '@pmo/shared';

export interface LessonPublishedPayload extends OutboxPayload {
  lessonId: string;
  projectId: string;
  visibility: string;
}

// The outbox row's id as the job id: a republished job still queued is not added twice.
const options = ({ outboxId }: OutboxPayload) => ({ attempts: 10, backoff: { type: 'exponential', delay: 1000 }, jobId: outboxId });

export const LESSON_PUBLISHED_JOB = defineJob<LessonPublishedPayload>({ name: 'lesson.published', queue: QueueName.EVENTS, options });

// Every outbox job's handler completes its row in its own transaction. The feature that
// fans business events out (notifications) implements this port: for a completed job that
// carries an event, it names a follow-up job, which the outbox publishes in that same
// transaction. No event is done without its fan-out recorded, and no producer needs to
// know who listens.
import type { JobDefinition } from '../queue/job-definition';
import type { OutboxPayload } from '../queue/outbox.entity';
import type { RemovedOutboxRow } from '../queue/outbox.repository';

export type CompletedEvent = RemovedOutboxRow;

export interface FollowUp<Payload extends OutboxPayload> {
  job: JobDefinition<Payload>;
  payload: Omit<Payload, 'outboxId'>;
}

export abstract class CompletedEvents {
  /** The job that carries the completed job's event on, or null when it carries none. */
  abstract followUp(event: CompletedEvent): FollowUp<OutboxPayload> | null;
}

// Core's port, told of every outbox job's completion: a completed job that carries a
// business event (EVENT_TYPES) is carried on to the fan-out, published through the outbox
// in the same transaction. So every event's producer stays as it is (publish, handle,
// complete) and none is done without its fan-out recorded.
import { Injectable } from '@nestjs/common';
import { CompletedEvent, CompletedEvents, FollowUp } from '@pmo/core';
import { FAN_OUT_JOB, FanOutPayload } from '../notifications.jobs';
import { EVENT_TYPES } from './event-types';

@Injectable()
export class OutboxEventFanOut extends CompletedEvents {
  followUp({ jobName, tenantId, orgId, payload }: CompletedEvent): FollowUp<FanOutPayload> | null {
    if (!EVENT_TYPES[jobName]) return null;
    const { outboxId, tenantId: _tenant, ...data } = payload as unknown as Record<string, unknown> & { outboxId: string };
    return { job: FAN_OUT_JOB, payload: { tenantId, orgId, eventId: outboxId, jobName, data, occurredAt: new Date().toISOString() } };
  }
}

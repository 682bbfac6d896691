// Statements of the fan-out: an event's notifications and its webhook deliveries.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run } from '@pmo/core';
import { ADD_DELIVERIES, NewDeliveryRow, NOTIFY, NotifiedRow } from './fan-out.sql';
import type { EventData } from './event-types';

export interface EventNotification {
  jobName: string;
  tenantId: string;
  orgId: string;
  eventId: string;
  kind: string;
  data: EventData;
  title: string;
  entity: string | null;
  entityId: string | null;
}

@Injectable()
export class FanOutRepository {
  /** The notifications this event adds (none for a redelivered one). */
  @GenerateSql(
    ...['governance.decision-recorded', 'gate_review.submitted', 'corrective_action.overdue'].map((jobName) => ({
      name: jobName,
      params: [
        {
          jobName,
          tenantId: DummyValue.UUID,
          orgId: DummyValue.UUID,
          eventId: DummyValue.UUID_2,
          kind: jobName,
          data: { projectId: DummyValue.UUID },
          title: DummyValue.TEXT,
          entity: 'project',
          entityId: DummyValue.UUID,
        },
      ],
    })),
  )
  notify(em: EntityManager, event: EventNotification): Promise<NotifiedRow[]> {
    const sql = NOTIFY.get(event.jobName);
    if (!sql) return Promise.resolve([]);
    return run(em, sql, [event.tenantId, JSON.stringify(event.data), event.orgId, event.kind, event.eventId, event.title, event.entity, event.entityId]);
  }

  /** The deliveries this event adds for the subscribed endpoints of its tenant and the tenant's ancestors. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2, 'decision.recorded', 'msg_1', '{}'] })
  addDeliveries(em: EntityManager, tenantId: string, eventId: string, type: string, messageId: string, body: string): Promise<NewDeliveryRow[]> {
    return run(em, ADD_DELIVERIES, [tenantId, eventId, type, messageId, body]);
  }
}

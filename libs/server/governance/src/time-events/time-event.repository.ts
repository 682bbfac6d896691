// Statements of the time-derived events: the overdue actions of a subtree, and the marks
// that say an event was emitted.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run } from '@pmo/core';
import { MARK_EMITTED, MarkedRow, OVERDUE_ACTIONS, OverdueActionRow } from './time-event.sql';

export interface Subject {
  subjectId: string;
  period: string;
  tenantId: string;
}

@Injectable()
export class TimeEventRepository {
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.DATE, '2025-12-16'] })
  overdueActions(em: EntityManager, tenantId: string, today: string, since: string): Promise<OverdueActionRow[]> {
    return run(em, OVERDUE_ACTIONS, [tenantId, today, since]);
  }

  /** The subjects whose event of `kind` was not emitted yet, now marked. */
  @GenerateSql({ params: ['corrective_action.overdue', [{ subjectId: DummyValue.UUID, period: '', tenantId: DummyValue.UUID }], DummyValue.UUID] })
  markEmitted(em: EntityManager, kind: string, subjects: readonly Subject[], orgId: string): Promise<MarkedRow[]> {
    if (!subjects.length) return Promise.resolve([]);
    return run(em, MARK_EMITTED, [kind, subjects.map((s) => s.subjectId), subjects.map((s) => s.period), subjects.map((s) => s.tenantId), orgId]);
  }
}

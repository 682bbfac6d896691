// Statements of reporting obligations: the facts of a subtree's obligations for a period
// (one set-based statement) and the waivers a PMO records.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql, run } from '@pmo/core';
import { OBLIGATION_FACTS, ObligationFactsRow } from './obligation.sql';
import { ReportingWaiverEntity } from './reporting-waiver.entity';

export type NewWaiver = Omit<ReportingWaiverEntity, 'waivedAt'>;

@Injectable()
export class ObligationRepository {
  @GenerateSql(
    { name: 'subtree', params: [DummyValue.UUID, DummyValue.PERIOD, null] },
    { name: 'projects', params: [DummyValue.UUID, DummyValue.PERIOD, DummyValue.UUID_SET] },
  )
  facts(em: EntityManager, tenantId: string, period: string, projectIds: readonly string[] | null): Promise<ObligationFactsRow[]> {
    return run(em, OBLIGATION_FACTS, [tenantId, period, projectIds ? [...projectIds] : null]);
  }

  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        projectId: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        period: DummyValue.PERIOD,
        reason: DummyValue.TEXT,
        waivedBy: DummyValue.UUID_2,
      },
    ],
  })
  async addWaiver(em: EntityManager, waiver: NewWaiver): Promise<ReportingWaiverEntity> {
    const [row]: Array<{ waived_at: Date }> = (
      await em.createQueryBuilder().insert().into(ReportingWaiverEntity).values(waiver).returning('waived_at').updateEntity(false).execute()
    ).raw;
    return { ...waiver, waivedAt: row.waived_at };
  }
}

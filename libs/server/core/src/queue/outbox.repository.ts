// Statements on the transactional outbox: rows are added in the change's transaction,
// deleted by the job that did their work, and read back by the sweep when left behind.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '../database/generate-sql';
import { run, runPrepared } from '../database/sql';
import { OutboxEntity } from './outbox.entity';
import { OUTBOX_CLAIM, OUTBOX_PENDING, OutboxPendingRow } from './outbox.sql';

export type NewOutboxRow = Pick<OutboxEntity, 'id' | 'tenantId' | 'orgId' | 'jobName' | 'payload'>;

/** A row a handler removed: what its job was, for whoever fans events out (CompletedEvents). */
export type RemovedOutboxRow = Pick<OutboxEntity, 'tenantId' | 'orgId' | 'jobName' | 'payload'>;

@Injectable()
export class OutboxRepository {
  @GenerateSql({
    params: [{ id: DummyValue.UUID, tenantId: DummyValue.UUID, orgId: DummyValue.UUID, jobName: 'organization.provision', payload: DummyValue.JSON }],
  })
  async add(em: EntityManager, row: NewOutboxRow): Promise<void> {
    // No read-back: nothing of the row is generated that the caller needs.
    await em.createQueryBuilder().insert().into(OutboxEntity).values(row).updateEntity(false).execute();
  }

  /** The removed row; null when it is gone: its job was already done. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async remove(em: EntityManager, id: string): Promise<RemovedOutboxRow | null> {
    const { raw } = await em
      .createQueryBuilder()
      .delete()
      .from(OutboxEntity)
      .where('id = :id', { id })
      .returning('job_name AS "jobName", tenant_id AS "tenantId", org_id AS "orgId", payload')
      .execute();
    return (raw as RemovedOutboxRow[])[0] ?? null;
  }

  /** Removes up to `limit` of the tenant's rows of one job, oldest first, and returns them. */
  @GenerateSql({ params: [DummyValue.UUID, 'compliance.evaluate', 1000] })
  claim(em: EntityManager, tenantId: string, jobName: string, limit: number): Promise<RemovedOutboxRow[]> {
    return runPrepared(em, OUTBOX_CLAIM, [tenantId, jobName, limit]);
  }

  /** Rows of every organization older than `olderThanMs`, oldest first: for the sweep, outside any tenant context. */
  @GenerateSql({ params: [30_000, 1000] })
  pending(em: EntityManager, olderThanMs: number, limit: number): Promise<OutboxPendingRow[]> {
    return run(em, OUTBOX_PENDING, [`${olderThanMs} milliseconds`, limit]);
  }
}

// Statements of webhook endpoints and their deliveries.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DummyValue, GenerateSql } from '@pmo/core';
import { DeliveryStatus, WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export type NewEndpoint = Pick<WebhookEndpointEntity, 'id' | 'tenantId' | 'orgId' | 'url' | 'events' | 'secret' | 'createdBy'>;

/** What one attempt learnt, for the delivery log. */
export interface AttemptOutcome {
  status: DeliveryStatus;
  lastResponseStatus: number | null;
  lastResponseBody: string | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
}

@Injectable()
export class WebhookRepository {
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        url: 'https://example.com/hook',
        events: ['decision.recorded'],
        secret: 'whsec_x',
        createdBy: DummyValue.UUID_2,
      },
    ],
  })
  async addEndpoint(em: EntityManager, endpoint: NewEndpoint): Promise<void> {
    await em.createQueryBuilder().insert().into(WebhookEndpointEntity).values(endpoint).updateEntity(false).execute();
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  endpoint(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<WebhookEndpointEntity | null> {
    return em.findOne(WebhookEndpointEntity, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  endpointsOf(em: EntityManager, tenantId: string): Promise<WebhookEndpointEntity[]> {
    return em.find(WebhookEndpointEntity, { where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async removeEndpoint(em: EntityManager, id: string): Promise<boolean> {
    return Boolean((await em.delete(WebhookEndpointEntity, { id })).affected);
  }

  @GenerateSql({ params: [DummyValue.UUID, 'whsec_new', 'whsec_old', DummyValue.TIMESTAMP] })
  async rotateSecret(em: EntityManager, id: string, secret: string, previousSecret: string, previousSecretUntil: Date): Promise<void> {
    await em.update(WebhookEndpointEntity, { id }, { secret, previousSecret, previousSecretUntil });
  }

  /** A message's every attempt failed: one more, and the endpoint is disabled once `limit` such messages ran in a row. Says whether it was. */
  @GenerateSql({ params: [DummyValue.UUID, 5] })
  async messageFailed(em: EntityManager, id: string, limit: number): Promise<boolean> {
    const rows: Array<{ active: boolean }> = await em
      .createQueryBuilder()
      .update(WebhookEndpointEntity)
      .set({ failedMessages: () => 'failed_messages + 1', active: () => `active AND failed_messages + 1 < ${Number(limit)}` })
      .where('id = :id AND active', { id })
      .returning(['active'])
      .updateEntity(false)
      .execute()
      .then((result) => result.raw as Array<{ active: boolean }>);
    return rows.length > 0 && !rows[0].active;
  }

  /** A message got through: the endpoint's run of failures ends. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async messageDelivered(em: EntityManager, id: string): Promise<void> {
    await em.createQueryBuilder().update(WebhookEndpointEntity).set({ failedMessages: 0 }).where('id = :id AND failed_messages > 0', { id }).execute();
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  delivery(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<WebhookDeliveryEntity | null> {
    return em.findOne(WebhookDeliveryEntity, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** An endpoint's log, newest first. */
  @GenerateSql({ params: [DummyValue.UUID, 50] })
  deliveries(em: EntityManager, endpointId: string, limit: number): Promise<WebhookDeliveryEntity[]> {
    return em.find(WebhookDeliveryEntity, { where: { endpointId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** One attempt made (it counts), with what it learnt. */
  @GenerateSql({
    params: [
      DummyValue.UUID,
      { status: DeliveryStatus.PENDING, lastResponseStatus: 500, lastResponseBody: 'error', lastError: 'answered 500', nextAttemptAt: DummyValue.TIMESTAMP },
    ],
  })
  async recordAttempt(em: EntityManager, id: string, outcome: AttemptOutcome): Promise<void> {
    await em
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({
        ...outcome,
        attempts: () => 'attempts + 1',
        deliveredAt: outcome.status === DeliveryStatus.DELIVERED ? () => 'now()' : undefined,
      })
      .where('id = :id', { id })
      .execute();
  }

  /** Sent again on request: pending once more, its log kept. */
  @GenerateSql({ params: [DummyValue.UUID] })
  async reopen(em: EntityManager, id: string): Promise<void> {
    await em.update(WebhookDeliveryEntity, { id }, { status: DeliveryStatus.PENDING, nextAttemptAt: null });
  }
}

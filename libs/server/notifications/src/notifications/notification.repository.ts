// Statements of notifications and mutes. Under RLS a user reads and marks only their own;
// every statement still names the user, so the index serves it.
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { DummyValue, GenerateSql } from '@pmo/core';
import { NotificationMuteEntity } from './notification-mute.entity';
import { NotificationEntity } from './notification.entity';

export interface NotificationPageQuery {
  userId: string;
  unreadOnly: boolean;
  after: { key: string; id: string } | null;
  limit: number;
}

export interface NotificationPageRow {
  notification: NotificationEntity;
  /** created_at to the microsecond, for the row's cursor. */
  sortKey: string;
}

export type NewNotification = Pick<NotificationEntity, 'id' | 'userId' | 'tenantId' | 'orgId' | 'eventId' | 'kind' | 'title' | 'body' | 'entity' | 'entityId'>;

@Injectable()
export class NotificationRepository {
  /** A page of the user's notifications, newest first. */
  @GenerateSql(
    { name: 'all', params: [{ userId: DummyValue.UUID, unreadOnly: false, after: null, limit: 51 }] },
    {
      name: 'unread-after',
      params: [{ userId: DummyValue.UUID, unreadOnly: true, after: { key: '2026-01-15 12:00:00.000000+00', id: DummyValue.UUID_2 }, limit: 51 }],
    },
  )
  async page(em: EntityManager, query: NotificationPageQuery): Promise<NotificationPageRow[]> {
    const builder = em
      .createQueryBuilder(NotificationEntity, 'n')
      .addSelect(`to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`, 'sort_key')
      .where('n.userId = :userId', { userId: query.userId });
    if (query.unreadOnly) builder.andWhere('n.readAt IS NULL');
    if (query.after) {
      builder.andWhere(`(n.created_at, n.id) < ((CAST(:key AS timestamp) AT TIME ZONE 'UTC'), CAST(:id AS uuid))`, {
        key: query.after.key,
        id: query.after.id,
      });
    }
    const { entities, raw } = await builder.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').limit(query.limit).getRawAndEntities();
    return entities.map((notification, index) => ({ notification, sortKey: (raw[index] as { sort_key: string }).sort_key }));
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  unreadCount(em: EntityManager, userId: string): Promise<number> {
    return em.count(NotificationEntity, { where: { userId, readAt: IsNull() } });
  }

  /** The user's notifications among `ids`, by id. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_SET] })
  byIds(em: EntityManager, userId: string, ids: string[]): Promise<NotificationEntity[]> {
    return em.find(NotificationEntity, { where: { userId, id: In(ids) } });
  }

  /** Marks the user's unread ones among `ids` read; answers how many it marked. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_SET] })
  async markRead(em: EntityManager, userId: string, ids: string[]): Promise<number> {
    const result = await em.update(NotificationEntity, { userId, id: In(ids), readAt: IsNull() }, { readAt: () => 'now()' });
    return result.affected ?? 0;
  }

  /** One notification outside the event fan-out (an endpoint's owner told it was disabled); nothing if it was already added. */
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        userId: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        eventId: DummyValue.UUID_2,
        kind: 'webhook_endpoint.disabled',
        title: DummyValue.TEXT,
        body: null,
        entity: 'webhook_endpoint',
        entityId: DummyValue.UUID,
      },
    ],
  })
  async add(em: EntityManager, notification: NewNotification): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(notification)
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  @GenerateSql({ params: [DummyValue.UUID] })
  async mutedKinds(em: EntityManager, userId: string): Promise<string[]> {
    return (await em.find(NotificationMuteEntity, { where: { userId }, order: { kind: 'ASC' } })).map((mute) => mute.kind);
  }

  @GenerateSql({ params: [DummyValue.UUID, 'decision.recorded'] })
  async mute(em: EntityManager, userId: string, kind: string): Promise<void> {
    await em.createQueryBuilder().insert().into(NotificationMuteEntity).values({ userId, kind }).orIgnore().updateEntity(false).execute();
  }

  @GenerateSql({ params: [DummyValue.UUID, 'decision.recorded'] })
  async unmute(em: EntityManager, userId: string, kind: string): Promise<void> {
    await em.delete(NotificationMuteEntity, { userId, kind });
  }
}

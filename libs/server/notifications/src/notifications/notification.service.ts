// A user's own notifications: the list with its unread count, marking read, and the kinds
// muted. Everything acts for the signed-in user alone (RLS holds them to their own rows).
import { Injectable } from '@nestjs/common';
import { badInput, currentContext, decodeCursor, encodeCursor, forbidden, notFound, pageOf, TenantDb, unauthenticated } from '@pmo/core';
import { ENDPOINT_DISABLED, EVENT_NAMES } from '../events/event-types';
import { NotificationEntity } from './notification.entity';
import { NotificationConnectionModel, NotificationModel, NotificationPreferencesModel } from './notification.model';
import { NotificationRepository } from './notification.repository';

const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
const MAX_MARKED = 500;
const LIST = 'notifications';
const KINDS = new Set([...EVENT_NAMES, ENDPOINT_DISABLED]);

export const notificationModel = (n: NotificationEntity): NotificationModel => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  entity: n.entity,
  entityId: n.entityId,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

/** The signed-in user: notifications are people's, and a job has none. */
export function callerId(): string {
  const actor = currentContext().actor;
  if (actor.kind === 'anonymous') throw unauthenticated();
  if (actor.kind !== 'user') throw forbidden();
  return actor.userId;
}

@Injectable()
export class NotificationService {
  constructor(
    private readonly db: TenantDb,
    private readonly notifications: NotificationRepository,
  ) {}

  async list(first: number | null | undefined, after: string | null | undefined, unreadOnly: boolean | null | undefined): Promise<NotificationConnectionModel> {
    const size = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput(`first must be 1 to ${MAX_PAGE}`, { field: 'first' });
    // The filter is part of the list: a cursor of the unread list does not page the whole one.
    const list = unreadOnly ? `${LIST}:unread` : LIST;
    const cursor = after ? decodeCursor(after, list) : null;
    const userId = callerId();
    return this.db.transaction(async (em) => {
      const rows = await this.notifications.page(em, {
        userId,
        unreadOnly: Boolean(unreadOnly),
        after: cursor && { key: cursor.key, id: cursor.id },
        limit: size + 1,
      });
      const page = pageOf(rows, size, ({ notification, sortKey }) => ({
        cursor: encodeCursor({ list, key: sortKey, id: notification.id }),
        node: notificationModel(notification),
      }));
      return { ...page, unreadCount: await this.notifications.unreadCount(em, userId) };
    });
  }

  /** Marks the caller's notifications read; an id that is not theirs is NOT_FOUND, and nothing is marked. */
  async markRead(ids: string[]): Promise<number> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (unique.length > MAX_MARKED) throw badInput(`At most ${MAX_MARKED} ids at once`, { field: 'ids' });
    const userId = callerId();
    return this.db.transaction(async (em) => {
      const found = await this.notifications.byIds(em, userId, unique);
      if (found.length !== unique.length) throw notFound('Notification');
      return unique.length ? this.notifications.markRead(em, userId, unique) : 0;
    });
  }

  /** The caller's notifications among `ids` (for the live subscription). */
  async own(ids: string[]): Promise<NotificationModel[]> {
    const userId = callerId();
    return this.db.transaction(async (em) => (await this.notifications.byIds(em, userId, ids)).map(notificationModel), { fresh: true });
  }

  async preferences(): Promise<NotificationPreferencesModel> {
    const userId = callerId();
    return this.db.transaction(async (em) => ({ mutedKinds: await this.notifications.mutedKinds(em, userId) }));
  }

  async setMuted(kind: string, muted: boolean): Promise<NotificationPreferencesModel> {
    if (!KINDS.has(kind)) throw badInput(`Unknown notification kind "${kind}"`, { field: 'kind' });
    const userId = callerId();
    return this.db.transaction(async (em) => {
      if (muted) await this.notifications.mute(em, userId, kind);
      else await this.notifications.unmute(em, userId, kind);
      return { mutedKinds: await this.notifications.mutedKinds(em, userId) };
    });
  }
}

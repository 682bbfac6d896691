import { Args, Context, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { GraphqlContext } from '@pmo/core';
import { NotificationSubscriptions } from './notification-subscriptions';
import { NotificationConnectionModel, NotificationModel, NotificationPreferencesModel } from './notification.model';
import { NotificationService } from './notification.service';

@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(
    private readonly service: NotificationService,
    private readonly live: NotificationSubscriptions,
  ) {}

  @Query(() => NotificationConnectionModel, { description: "The caller's notifications, newest first" })
  notifications(
    @Args('first', { type: () => Int, nullable: true, description: '1 to 100; 20 by default' }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true }) unreadOnly?: boolean | null,
  ) {
    return this.service.list(first, after, unreadOnly);
  }

  @Mutation(() => Int, { description: "Marks the caller's notifications read and answers how many were unread; another's id is NOT_FOUND" })
  markNotificationsRead(@Args('ids', { type: () => [ID] }) ids: string[]) {
    return this.service.markRead(ids);
  }

  @Query(() => NotificationPreferencesModel, { description: "The caller's notification preferences" })
  notificationPreferences() {
    return this.service.preferences();
  }

  @Mutation(() => NotificationPreferencesModel, { description: 'Mutes (or unmutes) a kind of notification for the caller' })
  setNotificationMuted(@Args('kind') kind: string, @Args('muted') muted: boolean) {
    return this.service.setMuted(kind, muted);
  }

  @Subscription(() => NotificationModel, { description: "The caller's new notifications, as they are made" })
  notificationAdded(@Context() context: GraphqlContext) {
    return this.live.added(context);
  }
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoModel } from '@pmo/core';

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID) id: string;
  @Field({ description: 'An event type (decision.recorded, gate_review.submitted, …) or webhook_endpoint.disabled' }) kind: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) body: string | null;
  @Field(() => String, { nullable: true, description: 'What it is about: project, gate_review, portfolio_decision, corrective_action, tenant, …' })
  entity: string | null;
  @Field(() => ID, { nullable: true }) entityId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

@ObjectType('NotificationEdge')
export class NotificationEdgeModel {
  @Field() cursor: string;
  @Field(() => NotificationModel) node: NotificationModel;
}

@ObjectType('NotificationConnection')
export class NotificationConnectionModel {
  @Field(() => [NotificationEdgeModel]) edges: NotificationEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int, { description: "The caller's unread notifications, all pages" }) unreadCount: number;
}

@ObjectType('NotificationPreferences')
export class NotificationPreferencesModel {
  @Field(() => [String], { description: 'The kinds the caller does not want; new events of these kinds notify them no more' }) mutedKinds: string[];
}

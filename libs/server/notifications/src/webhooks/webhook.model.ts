import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsString, MaxLength } from 'class-validator';
import { Text } from '@pmo/core';
import { DeliveryStatus } from './webhook-delivery.entity';

registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'PENDING until an attempt is answered 2xx (DELIVERED) or the last attempt fails (FAILED)',
});

@ObjectType('WebhookEndpoint')
export class WebhookEndpointModel {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => [String]) events: string[];
  @Field({ description: 'False once disabled after sustained failure (its owner is notified)' }) active: boolean;
  @Field() createdAt: Date;
  tenantId: string;
}

@ObjectType('WebhookEndpointCreated')
export class WebhookEndpointCreatedModel {
  @Field(() => WebhookEndpointModel) endpoint: WebhookEndpointModel;
  @Field({ description: 'whsec_<base64>: shown this once, never again' }) secret: string;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryModel {
  @Field(() => ID) id: string;
  @Field() event: string;
  @Field({ description: 'The webhook-id header, the same on every attempt' }) messageId: string;
  @Field(() => DeliveryStatus) status: DeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => Int, { nullable: true }) lastResponseStatus: number | null;
  @Field(() => String, { nullable: true, description: 'The first 1 KB of the last answer' }) lastResponseBody: string | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field() createdAt: Date;
}

@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointInput {
  @Field(() => ID) tenantId: string;
  @Field({ description: 'https (in production), to a public address' })
  @Text(2000)
  url: string;
  @Field(() => [String], { description: 'Event types (webhookEventTypes); at least one' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  events: string[];
}

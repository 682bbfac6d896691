import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantModel, TenantReader } from '@pmo/core';
import { EVENT_NAMES } from '../events/event-types';
import { CreateWebhookEndpointInput, WebhookDeliveryModel, WebhookEndpointCreatedModel, WebhookEndpointModel } from './webhook.model';
import { WebhookService } from './webhook.service';

@Resolver(() => WebhookEndpointModel)
export class WebhookResolver {
  constructor(
    private readonly webhooks: WebhookService,
    private readonly tenants: TenantReader,
  ) {}

  @Query(() => [WebhookEndpointModel], { description: "The tenant's own endpoints (ORG_ADMIN or PMO_LEAD)" })
  webhookEndpoints(@Args('tenantId', { type: () => ID }) tenantId: string) {
    return this.webhooks.list(tenantId);
  }

  @Query(() => [WebhookDeliveryModel], { description: "An endpoint's delivery log, newest first" })
  webhookDeliveries(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args('first', { type: () => Int, nullable: true, description: '1 to 200; 50 by default' }) first?: number | null,
  ) {
    return this.webhooks.deliveries(endpointId, first);
  }

  @Query(() => [String], { description: 'The event types an endpoint may subscribe to' })
  webhookEventTypes() {
    return EVENT_NAMES;
  }

  @Mutation(() => WebhookEndpointCreatedModel)
  createWebhookEndpoint(@Args('input') input: CreateWebhookEndpointInput) {
    return this.webhooks.create(input);
  }

  @Mutation(() => Boolean)
  deleteWebhookEndpoint(@Args('id', { type: () => ID }) id: string) {
    return this.webhooks.remove(id);
  }

  @Mutation(() => WebhookEndpointCreatedModel, {
    description: 'A new secret, shown once; the old one keeps signing beside it for overlapHours (24 by default)',
  })
  rotateWebhookSecret(@Args('id', { type: () => ID }) id: string, @Args('overlapHours', { type: () => Int, nullable: true }) overlapHours?: number | null) {
    return this.webhooks.rotate(id, overlapHours);
  }

  @Mutation(() => WebhookDeliveryModel, { description: 'Sends the message again, with the same webhook-id' })
  redeliverWebhook(@Args('deliveryId', { type: () => ID }) deliveryId: string) {
    return this.webhooks.redeliver(deliveryId);
  }

  @ResolveField(() => TenantModel)
  tenant(@Parent() endpoint: WebhookEndpointModel) {
    return this.tenants.load(endpoint.tenantId);
  }
}

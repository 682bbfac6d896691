// Webhook endpoints and their deliveries, managed by an ORG_ADMIN or PMO_LEAD of the
// endpoint's tenant (or above). An endpoint receives the events of its tenant's subtree
// that it subscribed to; its secret is shown once, at creation or rotation.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AccessService,
  APP_CONFIG,
  AppConfig,
  atLeast,
  AuditService,
  badInput,
  forbidden,
  notFound,
  OutboxService,
  TenantDb,
  TenantRepository,
} from '@pmo/core';
import { Role } from '@pmo/shared';
import { EVENT_NAMES } from '../events/event-types';
import { WEBHOOK_DELIVERY_JOB } from '../notifications.jobs';
import { callerId } from '../notifications/notification.service';
import { resolveTarget, urlProblem } from './address-check';
import { newSecret } from './signing';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { CreateWebhookEndpointInput, WebhookDeliveryModel, WebhookEndpointCreatedModel, WebhookEndpointModel } from './webhook.model';
import { WebhookRepository } from './webhook.repository';

const KNOWN = new Set(EVENT_NAMES);
const DEFAULT_LOG = 50;
const MAX_LOG = 200;
const DEFAULT_OVERLAP_HOURS = 24;
const MAX_OVERLAP_HOURS = 24 * 7;

const endpointModel = (e: WebhookEndpointEntity): WebhookEndpointModel => ({
  id: e.id,
  tenantId: e.tenantId,
  url: e.url,
  events: e.events,
  active: e.active,
  createdAt: e.createdAt,
});

const deliveryModel = (d: WebhookDeliveryEntity): WebhookDeliveryModel => ({
  id: d.id,
  event: d.event,
  messageId: d.messageId,
  status: d.status,
  attempts: d.attempts,
  lastResponseStatus: d.lastResponseStatus,
  lastResponseBody: d.lastResponseBody,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt,
  deliveredAt: d.deliveredAt,
  createdAt: d.createdAt,
});

/** What the audit log keeps of an endpoint: never its secrets. */
const auditView = (e: Pick<WebhookEndpointEntity, 'url' | 'events'>) => ({ url: e.url, events: e.events });

@Injectable()
export class WebhookService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDb,
    private readonly access: AccessService,
    private readonly tenants: TenantRepository,
    private readonly webhooks: WebhookRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(input: CreateWebhookEndpointInput): Promise<WebhookEndpointCreatedModel> {
    const userId = callerId();
    const events = [...new Set(input.events)];
    if (!events.length) throw badInput('Subscribe to at least one event type', { field: 'events' });
    const unknown = events.find((event) => !KNOWN.has(event));
    if (unknown !== undefined) throw badInput(`Unknown event type "${unknown}"`, { field: 'events' });
    const url = await this.checkUrl(input.url);
    return this.db.transaction(async (em) => {
      const orgId = await this.requireManager(em, input.tenantId);
      const secret = newSecret();
      const id = randomUUID();
      await this.webhooks.addEndpoint(em, { id, tenantId: input.tenantId.toLowerCase(), orgId, url, events, secret, createdBy: userId });
      const endpoint = (await this.webhooks.endpoint(em, id)) as WebhookEndpointEntity;
      await this.audit.record(em, {
        tenantId: endpoint.tenantId,
        orgId,
        entity: 'webhook_endpoint',
        entityId: id,
        action: 'create',
        after: auditView(endpoint),
      });
      return { endpoint: endpointModel(endpoint), secret };
    });
  }

  async remove(id: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const endpoint = await this.managed(em, id);
      await this.webhooks.removeEndpoint(em, endpoint.id);
      await this.audit.record(em, {
        tenantId: endpoint.tenantId,
        orgId: endpoint.orgId,
        entity: 'webhook_endpoint',
        entityId: id,
        action: 'delete',
        before: auditView(endpoint),
      });
      return true;
    });
  }

  /** A new secret; the old one keeps signing beside it for `overlapHours`, so receivers can switch without losing a message. */
  async rotate(id: string, overlapHours: number | null | undefined): Promise<WebhookEndpointCreatedModel> {
    const hours = overlapHours ?? DEFAULT_OVERLAP_HOURS;
    if (!Number.isInteger(hours) || hours < 0 || hours > MAX_OVERLAP_HOURS)
      throw badInput(`overlapHours must be 0 to ${MAX_OVERLAP_HOURS}`, { field: 'overlapHours' });
    return this.db.transaction(async (em) => {
      const endpoint = await this.managed(em, id, { lock: true });
      const secret = newSecret();
      await this.webhooks.rotateSecret(em, endpoint.id, secret, endpoint.secret, new Date(Date.now() + hours * 3600_000));
      await this.audit.record(em, {
        tenantId: endpoint.tenantId,
        orgId: endpoint.orgId,
        entity: 'webhook_endpoint',
        entityId: id,
        action: 'rotate_secret',
        after: { overlapHours: hours },
      });
      return { endpoint: endpointModel(endpoint), secret };
    });
  }

  async list(tenantId: string): Promise<WebhookEndpointModel[]> {
    return this.db.transaction(async (em) => {
      await this.requireManager(em, tenantId);
      return (await this.webhooks.endpointsOf(em, tenantId.toLowerCase())).map(endpointModel);
    });
  }

  async deliveries(endpointId: string, first: number | null | undefined): Promise<WebhookDeliveryModel[]> {
    const size = first ?? DEFAULT_LOG;
    if (!Number.isInteger(size) || size < 1 || size > MAX_LOG) throw badInput(`first must be 1 to ${MAX_LOG}`, { field: 'first' });
    return this.db.transaction(async (em) => {
      const endpoint = await this.managed(em, endpointId);
      return (await this.webhooks.deliveries(em, endpoint.id, size)).map(deliveryModel);
    });
  }

  /** Sends a delivery again, as the same message (its webhook-id), whatever became of it. */
  async redeliver(deliveryId: string): Promise<WebhookDeliveryModel> {
    return this.db.transaction(async (em) => {
      const delivery = await this.webhooks.delivery(em, deliveryId, { lock: true });
      if (!delivery) throw notFound('Webhook delivery');
      const endpoint = await this.managed(em, delivery.endpointId);
      if (!endpoint.active) throw badInput('The endpoint is disabled', { field: 'deliveryId' });
      await this.webhooks.reopen(em, delivery.id);
      await this.outbox.publish(em, endpoint.orgId, WEBHOOK_DELIVERY_JOB, {
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        backoffMs: this.config.webhookBackoffMs,
      });
      await this.audit.record(em, {
        tenantId: delivery.tenantId,
        orgId: delivery.orgId,
        entity: 'webhook_delivery',
        entityId: delivery.id,
        action: 'redeliver',
      });
      return deliveryModel((await this.webhooks.delivery(em, delivery.id)) as WebhookDeliveryEntity);
    });
  }

  /** The endpoint, when the caller may manage it; NOT_FOUND when they cannot see it. */
  private async managed(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<WebhookEndpointEntity> {
    const endpoint = await this.webhooks.endpoint(em, id, options);
    if (!endpoint) throw notFound('Webhook endpoint');
    await this.requireManager(em, endpoint.tenantId);
    return endpoint;
  }

  /** ORG_ADMIN or PMO_LEAD on the tenant or above; answers the tenant's organization. */
  private async requireManager(em: EntityManager, tenantId: string): Promise<string> {
    const roles = await this.access.roles(em, [tenantId]);
    if (!atLeast([...roles.values()][0] ?? null, Role.PMO_LEAD)) throw forbidden('Webhooks are managed by an ORG_ADMIN or PMO_LEAD of the tenant or above');
    const [row] = await this.tenants.paths(em, [tenantId]);
    return row.path[0];
  }

  /** A well-formed URL the worker may post to (as far as it can tell before the first delivery, which checks again). */
  private async checkUrl(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw badInput('url is not a valid URL', { field: 'url' });
    }
    const production = this.config.nodeEnv === 'production';
    const problem = urlProblem(url, production);
    if (problem) throw badInput(`url ${problem}`, { field: 'url' });
    await resolveTarget(url, { allowLoopback: !production }).catch((error: Error) => {
      throw badInput(`url is not allowed: ${error.message}`, { field: 'url' });
    });
    return url.toString();
  }
}

// Notifications' and mutes' RLS: a user reads and marks only their own, whatever their
// role; a job writes them only for the tenants of its context; webhook endpoints and
// deliveries stay inside the tenant's subtree.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { WebhookEndpointEntity } from '../webhooks/webhook-endpoint.entity';
import { WebhookRepository } from '../webhooks/webhook.repository';
import { NotificationMuteEntity } from './notification-mute.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationRepository } from './notification.repository';

describe('NotificationRepository and its RLS', () => {
  const notifications = new NotificationRepository();
  const webhooks = new WebhookRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let spoke: SeededTenant;
  let sibling: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let lead: SeededUser;
  let siblingLead: SeededUser;

  const notification = (user: SeededUser, tenant: SeededTenant) => ({
    id: randomUUID(),
    userId: user.id,
    tenantId: tenant.id,
    orgId: tenant.orgId,
    eventId: randomUUID(),
    kind: 'decision.recorded',
    title: 'Decision recorded',
    body: null,
    entity: null,
    entityId: null,
  });

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub();
    spoke = await db.spoke(hub);
    sibling = await db.spoke(hub);
    other = await db.hub('Other');
    admin = await db.user([[hub, Role.ORG_ADMIN]]);
    lead = await db.user([[spoke, Role.PMO_LEAD]]);
    siblingLead = await db.user([[sibling, Role.PMO_LEAD]]);
  });
  afterAll(() => db.close());

  it('lets a job add notifications for its tenants only, and each user read and mark only their own', async () => {
    const forLead = notification(lead, spoke);
    const forAdmin = notification(admin, spoke);
    expect(await db.asSystem(spoke, (em) => notifications.add(em, forLead))).toBe(true);
    expect(await db.asSystem(hub, (em) => notifications.add(em, forAdmin))).toBe(true);
    // The same event and user again: nothing.
    expect(await db.asSystem(spoke, (em) => notifications.add(em, { ...forLead, id: randomUUID() }))).toBe(false);
    // Not in the job's tenants; nor may a user write one, even for themself.
    await expect(db.asSystem(sibling, (em) => notifications.add(em, notification(lead, spoke)))).rejects.toMatchObject({ code: '42501' });
    await expect(db.as(lead, (em) => notifications.add(em, notification(lead, spoke)))).rejects.toMatchObject({ code: '42501' });

    // The ORG_ADMIN above sees the whole org's data, yet only their own notifications.
    expect((await db.as(admin, (em) => em.find(NotificationEntity, {}))).map((n) => n.id)).toEqual([forAdmin.id]);
    expect((await db.as(lead, (em) => em.find(NotificationEntity, {}))).map((n) => n.id)).toEqual([forLead.id]);
    expect(await db.as(siblingLead, (em) => em.find(NotificationEntity, {}))).toEqual([]);
    // Even naming the other user: RLS, not the statement, decides.
    expect(await db.as(admin, (em) => notifications.byIds(em, lead.id, [forLead.id]))).toEqual([]);
    expect(await db.as(admin, (em) => notifications.markRead(em, lead.id, [forLead.id]))).toBe(0);
    expect(await db.as(lead, (em) => notifications.markRead(em, lead.id, [forLead.id]))).toBe(1);
    // The owner sees both: the empty answers above are RLS, not absence.
    expect(await db.owner.getRepository(NotificationEntity).countBy({ eventId: forAdmin.eventId })).toBe(1);
    expect((await db.owner.getRepository(NotificationEntity).findOneBy({ id: forAdmin.id }))?.readAt).toBeNull();
  });

  it('keeps mutes to their user, readable by a job for the people of its tenants', async () => {
    await db.as(lead, (em) => notifications.mute(em, lead.id, 'decision.recorded'));
    await expect(db.as(admin, (em) => notifications.mute(em, lead.id, 'lesson.published'))).rejects.toMatchObject({ code: '42501' });
    expect(await db.as(admin, (em) => notifications.mutedKinds(em, lead.id))).toEqual([]);
    expect(await db.as(lead, (em) => notifications.mutedKinds(em, lead.id))).toEqual(['decision.recorded']);
    expect(await db.asSystem(spoke, (em) => notifications.mutedKinds(em, lead.id))).toEqual(['decision.recorded']);
    expect(await db.asSystem(sibling, (em) => notifications.mutedKinds(em, lead.id))).toEqual([]);
    expect(await db.owner.getRepository(NotificationMuteEntity).countBy({ userId: lead.id })).toBe(1);
  });

  it('keeps webhook endpoints inside their tenant’s subtree', async () => {
    const id = randomUUID();
    await db.as(admin, (em) =>
      webhooks.addEndpoint(em, {
        id,
        tenantId: spoke.id,
        orgId: hub.orgId,
        url: 'https://example.com/a',
        events: ['decision.recorded'],
        secret: 'whsec_x',
        createdBy: admin.id,
      }),
    );
    expect(await db.as(lead, (em) => webhooks.endpoint(em, id))).toMatchObject({ id, tenantId: spoke.id });
    expect(await db.as(siblingLead, (em) => webhooks.endpoint(em, id))).toBeNull();
    expect(await db.asSystem(other, (em) => webhooks.endpoint(em, id))).toBeNull();
    await expect(
      db.as(siblingLead, (em) =>
        webhooks.addEndpoint(em, {
          id: randomUUID(),
          tenantId: spoke.id,
          orgId: hub.orgId,
          url: 'https://example.com/b',
          events: ['x'],
          secret: 's',
          createdBy: null,
        }),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await db.owner.getRepository(WebhookEndpointEntity).countBy({ id })).toBe(1);
  });
});

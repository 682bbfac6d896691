// The detection of what time alone changed: each report that became LATE, then MISSING,
// and each action that became overdue is published once, whatever the number of runs,
// and only for the organization in whose context it runs.
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OutboxService } from '@pmo/core';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant } from '@pmo/testing';
import { ObligationRepository } from '../obligations/obligation.repository';
import { GovernanceFixtures } from '../testing/governance-fixtures';
import { TimeEventRepository } from './time-event.repository';
import { TimeEvents } from './time-events';

describe('TimeEvents', () => {
  let db: RepositoryTestDb;
  let fixtures: GovernanceFixtures;
  let hub: SeededTenant;
  let spoke: SeededTenant;
  let other: SeededTenant;
  const published: Array<{ job: string; payload: Record<string, unknown> }> = [];
  const outbox = {
    publish: async (_em: EntityManager, _orgId: string, job: { name: string }, payload: Record<string, unknown>) =>
      void published.push({ job: job.name, payload }),
  } as unknown as OutboxService;
  const detection = new TimeEvents(undefined as never, undefined as never, undefined as never, new ObligationRepository(), new TimeEventRepository(), outbox);
  const run = (tenant: SeededTenant, at: string) => db.asSystem(tenant, (em) => detection.detectIn(em, tenant.orgId, new Date(at)));

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    fixtures = new GovernanceFixtures(db);
    hub = await db.hub();
    spoke = await db.spoke(hub);
    other = await db.hub('Other');
  });
  afterAll(() => db.close());

  it('tells a report late once, then missing once, and an overdue action once', async () => {
    // Reports for 2026-03 fall due at the end of 2026-04-05, and go missing 5 days later.
    const project = await fixtures.project(spoke, { startDate: '2026-03-01' });
    await fixtures.project(other, { startDate: '2026-03-01' });
    const owner = await db.user([[spoke, Role.PROJECT_MANAGER]]);
    const reviewId = randomUUID();
    await db.owner.query(
      `INSERT INTO project_reviews (id, project_id, tenant_id, org_id, kind, lead_id, planned_for) VALUES ($1, $2, $3, $4, 'AUDIT', $5, '2026-03-01')`,
      [reviewId, project.id, spoke.id, spoke.orgId, owner.id],
    );
    const findingId = randomUUID();
    await db.owner.query(
      `INSERT INTO review_findings (id, review_id, project_id, tenant_id, org_id, severity, title) VALUES ($1, $2, $3, $4, $5, 'HIGH', 'f')`,
      [findingId, reviewId, project.id, spoke.id, spoke.orgId],
    );
    const actionId = randomUUID();
    await db.owner.query(
      `INSERT INTO corrective_actions (id, project_id, tenant_id, org_id, review_id, finding_id, description, owner_id, due_date) VALUES ($1, $2, $3, $4, $5, $6, 'fix', $7, '2026-04-07')`,
      [actionId, project.id, spoke.id, spoke.orgId, reviewId, findingId, owner.id],
    );

    expect(await run(hub, '2026-04-05T12:00:00Z')).toBe(0);
    expect(await run(hub, '2026-04-07T12:00:00Z')).toBe(1);
    expect(published).toEqual([{ job: 'reporting_obligation.late', payload: { tenantId: spoke.id, projectId: project.id, period: '2026-03' } }]);
    expect(await run(hub, '2026-04-08T12:00:00Z')).toBe(1);
    expect(published[1]).toEqual({ job: 'corrective_action.overdue', payload: { tenantId: spoke.id, actionId, projectId: project.id } });
    expect(await run(hub, '2026-04-09T12:00:00Z')).toBe(0);
    expect(await run(hub, '2026-04-12T12:00:00Z')).toBe(1);
    expect(published[2]).toEqual({ job: 'reporting_obligation.missing', payload: { tenantId: spoke.id, projectId: project.id, period: '2026-03' } });
    expect(await run(hub, '2026-04-13T12:00:00Z')).toBe(0);
    // The other organization's project, as late as this one, is its own run's business.
    expect(published.every((event) => event.payload.tenantId === spoke.id)).toBe(true);
    expect(await run(other, '2026-04-13T12:00:00Z')).toBe(1);
  });
});

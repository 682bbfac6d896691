// Governance's statements on projects and people, and the review-team policies: a peer
// review's team, from a sibling branch, reads what the review needs of the project while
// the review is open, and nothing once it closes.
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ProjectState, Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { GovernanceFixtures, SeededProject } from '../testing/governance-fixtures';
import { GovernedProjectRepository } from './governed-project.repository';

describe('GovernedProjectRepository', () => {
  const projects = new GovernedProjectRepository();
  let db: RepositoryTestDb;
  let seed: GovernanceFixtures;
  let hub: SeededTenant;
  let north: SeededTenant;
  let northEast: SeededTenant;
  let south: SeededTenant;
  let other: SeededTenant;
  let hubAdmin: SeededUser;
  let northLead: SeededUser;
  let southPeer: SeededUser;
  let southReviewer: SeededUser;
  let stranger: SeededUser;
  let project: SeededProject;

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    seed = new GovernanceFixtures(db);
    hub = await db.hub();
    north = await db.spoke(hub, 'North');
    northEast = await db.spoke(north, 'North East');
    south = await db.spoke(hub, 'South');
    other = await db.hub('Other');
    hubAdmin = await db.user([[hub, Role.ORG_ADMIN]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    southPeer = await db.user([[south, Role.PMO_LEAD]]);
    southReviewer = await db.user([[south, Role.VIEWER]]);
    stranger = await db.user([[other, Role.ORG_ADMIN]]);
    project = await seed.project(northEast, {
      code: 'NE-1',
      managerId: northLead.id,
      phases: [
        { name: 'Initiation', gate: { name: 'Gate 1', deliverables: ['Charter'], approverRole: 'PMO_LEAD', quorum: 2, minApproverLevel: 3 } },
        { name: 'Delivery' },
      ],
    });
  });
  afterAll(() => db.close());

  it('finds and locks a visible project with its tenant path; nothing for a sibling or another organization', async () => {
    const found = await db.as(northLead, (em) => projects.find(em, project.id));
    expect(found).toMatchObject({
      id: project.id,
      tenantId: northEast.id,
      orgId: hub.orgId,
      code: 'NE-1',
      state: 'ACTIVE',
      managerId: northLead.id,
      currentPhase: 'Initiation',
    });
    expect(found?.path).toEqual(northEast.path);
    expect(await db.as(northLead, (em) => projects.lock(em, project.id))).toMatchObject({ id: project.id });
    expect(await db.as(southPeer, (em) => projects.find(em, project.id))).toBeNull();
    expect(await db.as(stranger, (em) => projects.find(em, project.id))).toBeNull();
    expect(await seed.count('projects', 'id = $1', [project.id])).toBe(1);
  });

  it('reads projects as the Project type reads them, through RLS', async () => {
    const [card] = await db.as(northLead, (em) => projects.cards(em, [project.id, randomUUID()]));
    expect(card).toMatchObject({ id: project.id, code: 'NE-1', tenantId: northEast.id, managerId: northLead.id, programId: null, plannedBudget: null });
    expect(await db.as(stranger, (em) => projects.cards(em, [project.id]))).toEqual([]);
  });

  it('reads the phases in order with their gates and each gate’s quorum and minimum approver level from the version followed', async () => {
    expect(await db.as(northLead, (em) => projects.phases(em, project.id))).toEqual([
      { position: 0, name: 'Initiation', gateName: 'Gate 1', deliverables: ['Charter'], approverRole: 'PMO_LEAD', quorum: 2, minApproverLevel: 3 },
      { position: 1, name: 'Delivery', gateName: null, deliverables: [], approverRole: null, quorum: null, minApproverLevel: null },
    ]);
  });

  it('changes state and phase, and the timeline records both where only the project’s readers see it', async () => {
    const changed = await seed.project(northEast, { phases: [{ name: 'A' }, { name: 'B' }] });
    await db.as(northLead, async (em) => {
      await projects.setPhase(em, changed.id, 'B');
      await projects.setState(em, changed.id, ProjectState.ON_HOLD);
    });
    expect(await db.as(northLead, (em) => projects.find(em, changed.id))).toMatchObject({ state: 'ON_HOLD', currentPhase: 'B' });
    const timeline = await db.as(northLead, (em) =>
      em.query('SELECT state, current_phase AS phase FROM project_timeline WHERE project_id = $1 ORDER BY id', [changed.id]),
    );
    expect(timeline).toEqual([
      { state: 'ACTIVE', phase: 'A' },
      { state: 'ACTIVE', phase: 'B' },
      { state: 'ON_HOLD', phase: 'B' },
    ]);
    expect(await db.as(southPeer, (em) => em.query('SELECT * FROM project_timeline WHERE project_id = $1', [changed.id]))).toEqual([]);
    expect(await seed.count('project_timeline', 'project_id = $1', [changed.id])).toBe(3);
    await expect(
      db.as(northLead, (em) =>
        em.query(`INSERT INTO project_timeline (project_id, tenant_id, org_id, state) VALUES ($1, $2, $3, 'ACTIVE')`, [changed.id, northEast.id, hub.orgId]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('answers memberships on a visible tenant’s path, and nothing on a tenant the caller cannot see', async () => {
    const rows = await db.as(northLead, (em) => projects.pathMemberships(em, [hubAdmin.id, northLead.id, southPeer.id], northEast.id));
    expect(rows.map((r) => [r.userId, r.tenantId, r.role]).sort()).toEqual(
      [
        [hubAdmin.id, hub.id, Role.ORG_ADMIN],
        [northLead.id, north.id, Role.PMO_LEAD],
      ].sort(),
    );
    expect(await db.as(southPeer, (em) => projects.pathMemberships(em, [northLead.id], northEast.id))).toEqual([]);
    expect(await db.as(stranger, (em) => projects.pathMemberships(em, [hubAdmin.id], hub.id))).toEqual([]);
  });

  it('tells which people belong to an organization, only to its members', async () => {
    const members = await db.as(northLead, (em) => projects.orgMembers(em, [hubAdmin.id, southPeer.id, stranger.id], hub.orgId));
    expect([...members].sort()).toEqual([hubAdmin.id, southPeer.id].sort());
    expect(await db.as(stranger, (em) => projects.orgMembers(em, [hubAdmin.id], hub.orgId))).toEqual(new Set());
  });

  describe('a review team from a sibling branch', () => {
    let reviewId: string;
    const sees = (user: SeededUser, sql: string) => db.as(user, async (em) => ((await em.query(sql, [project.id])) as unknown[]).length);

    beforeAll(async () => {
      await seed.milestone(project, 'Kick-off', '2026-01-15');
      await seed.report(project, '2026-01', '2026-02-01T10:00:00Z');
      await seed.value(project, await seed.kpi(northEast, 'cpi'), '2026-01', 1.1);
      reviewId = await seed.review(project, southPeer.id, { reviewerIds: [southReviewer.id] });
    });

    it('reads the project, its phases, milestones and status reports and its tenant’s identity while the review is open', async () => {
      for (const member of [southPeer, southReviewer]) {
        expect(await db.as(member, (em) => projects.find(em, project.id))).toMatchObject({ id: project.id, path: northEast.path });
        expect(await sees(member, 'SELECT 1 FROM project_phases WHERE project_id = $1')).toBe(2);
        expect(await sees(member, 'SELECT 1 FROM milestones WHERE project_id = $1')).toBe(1);
        expect(await sees(member, 'SELECT 1 FROM status_reports WHERE project_id = $1')).toBe(1);
        expect(await db.as(member, (em) => em.query('SELECT name FROM tenants WHERE id = $1', [northEast.id]))).toEqual([{ name: 'North East' }]);
      }
      // Someone of the same branch who is not on the team sees none of it.
      const bystander = await db.user([[south, Role.PMO_LEAD]]);
      expect(await db.as(bystander, (em) => projects.find(em, project.id))).toBeNull();
      expect(await sees(bystander, 'SELECT 1 FROM status_reports WHERE project_id = $1')).toBe(0);
    });

    it('reads nothing the review does not need: values, other projects, the tenant’s other records', async () => {
      expect(await sees(southPeer, 'SELECT 1 FROM kpi_values WHERE project_id = $1')).toBe(0);
      const neighbour = await seed.project(northEast);
      expect(await db.as(southPeer, (em) => projects.find(em, neighbour.id))).toBeNull();
      expect(await db.as(southPeer, (em) => em.query('SELECT 1 FROM memberships WHERE tenant_id = $1', [north.id]))).toEqual([]);
      expect(await seed.count('kpi_values', 'project_id = $1', [project.id])).toBe(1);
    });

    it('changes nothing of the project: updates and locks find no row', async () => {
      await db.as(southPeer, (em) => projects.setState(em, project.id, ProjectState.CANCELLED));
      expect(await db.as(southPeer, (em) => projects.lock(em, project.id))).toBeNull();
      expect((await db.owner.query('SELECT state FROM projects WHERE id = $1', [project.id]))[0].state).toBe('ACTIVE');
    });

    it('answers the memberships on the reviewed project’s path, for the independence rules', async () => {
      const rows = await db.as(southPeer, (em) => projects.pathMemberships(em, [northLead.id], northEast.id));
      expect(rows).toEqual([{ userId: northLead.id, tenantId: north.id, role: Role.PMO_LEAD }]);
    });

    it('audits its work in the reviewed project’s tenant, and only there', async () => {
      // As AuditService appends: an insert without reading the row back.
      const append = (tenant: SeededTenant) => (em: EntityManager) =>
        em.query(`INSERT INTO audit_log (tenant_id, org_id, actor_id, entity, entity_id, action) VALUES ($1, $2, $3, 'review_finding', 'f', 'create')`, [
          tenant.id,
          hub.orgId,
          southPeer.id,
        ]);
      await db.as(southPeer, append(northEast));
      await expect(db.as(southPeer, append(north))).rejects.toMatchObject({ code: '42501' });
      // It can write there, not read there.
      expect(await db.as(southPeer, (em) => em.query(`SELECT 1 FROM audit_log WHERE tenant_id = $1`, [northEast.id]))).toEqual([]);
      expect(await seed.count('audit_log', `tenant_id = $1 AND entity = 'review_finding'`, [northEast.id])).toBe(1);
    });

    it('loses sight of it when the member leaves the organization, though still signed in elsewhere', async () => {
      const elsewhere = await db.hub('Elsewhere');
      const leaver = await db.user([
        [south, Role.PMO_LEAD],
        [elsewhere, Role.VIEWER],
      ]);
      const second = await seed.review(project, southPeer.id, { reviewerIds: [leaver.id] });
      expect(await db.as(leaver, (em) => projects.find(em, project.id))).toMatchObject({ id: project.id });
      await db.owner.query('DELETE FROM memberships WHERE user_id = $1 AND org_id = $2', [leaver.id, hub.orgId]);
      expect(await db.as(leaver, (em) => projects.find(em, project.id))).toBeNull();
      expect(await sees(leaver, 'SELECT 1 FROM status_reports WHERE project_id = $1')).toBe(0);
      await db.owner.query(`UPDATE project_reviews SET state = 'CLOSED', closed_at = now() WHERE id = $1`, [second]);
    });

    it('loses sight of all of it once the review is closed', async () => {
      await db.owner.query(`UPDATE project_reviews SET state = 'CLOSED', closed_at = now() WHERE id = $1`, [reviewId]);
      expect(await db.as(southPeer, (em) => projects.find(em, project.id))).toBeNull();
      expect(await sees(southReviewer, 'SELECT 1 FROM status_reports WHERE project_id = $1')).toBe(0);
      expect(await db.as(southPeer, (em) => em.query('SELECT 1 FROM tenants WHERE id = $1', [northEast.id]))).toEqual([]);
      expect(await db.as(southPeer, (em) => projects.pathMemberships(em, [northLead.id], northEast.id))).toEqual([]);
    });
  });

  it('moves a project’s whole governance record with it', async () => {
    const moving = await seed.project(northEast);
    const reviewId = await seed.review(moving, southPeer.id, { reviewerIds: [southReviewer.id], kind: 'AUDIT' });
    await db.owner.query(`INSERT INTO reporting_waivers (id, project_id, tenant_id, org_id, period, reason) VALUES ($1, $2, $3, $4, '2026-01', 'holiday')`, [
      randomUUID(),
      moving.id,
      northEast.id,
      hub.orgId,
    ]);
    await db.owner.query('UPDATE projects SET tenant_id = $2 WHERE id = $1', [moving.id, north.id]);
    for (const [table, key] of [
      ['project_timeline', 'project_id'],
      ['reporting_waivers', 'project_id'],
      ['project_reviews', 'project_id'],
    ]) {
      expect({ table, left: await seed.count(table, `${key} = $1 AND tenant_id <> $2`, [moving.id, north.id]) }).toEqual({ table, left: 0 });
    }
    expect(await seed.count('project_review_reviewers', 'review_id = $1 AND tenant_id = $2', [reviewId, north.id])).toBe(1);
  });
});

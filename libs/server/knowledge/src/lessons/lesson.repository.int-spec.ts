// Lessons' statements and policies against the real PostgreSQL: who reads a lesson in each
// state and visibility (a sibling spoke reads a published ORGANIZATION lesson, not a BRANCH
// one nor a draft; another organization nothing), full-text search (stemming, websearch
// operators, weights, tags, counts), the lessons relevant to a gate, re-indexing in a new
// configuration, and whether a project may close.
import { randomUUID } from 'node:crypto';
import { Role } from '@pmo/shared';
import { RepositoryTestDb, SeededTenant, SeededUser } from '@pmo/testing';
import { LessonRepository, NewLesson } from './lesson.repository';
import { LessonVisibility } from './lesson.rules';

describe('LessonRepository', () => {
  const lessons = new LessonRepository();
  let db: RepositoryTestDb;
  let hub: SeededTenant;
  let north: SeededTenant;
  let south: SeededTenant;
  let otherHub: SeededTenant;
  let manager: SeededUser;
  let northLead: SeededUser;
  let northViewer: SeededUser;
  let southViewer: SeededUser;
  let hubAdmin: SeededUser;
  let stranger: SeededUser;
  let northProject: string;
  let southProject: string;
  const id: Record<string, string> = {};

  const project = async (tenant: SeededTenant, name: string, description: string | null, managerId: string | null = null) => {
    const projectId = randomUUID();
    await db.owner.query(
      `INSERT INTO projects (id, org_id, tenant_id, code, name, description, state, manager_id) VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7)`,
      [projectId, tenant.orgId, tenant.id, `P-${projectId.slice(0, 8)}`, name, description, managerId],
    );
    return projectId;
  };
  const write = async (author: SeededUser, projectId: string, tenant: SeededTenant, lesson: Partial<NewLesson> & { title: string }) => {
    const lessonId = randomUUID();
    await db.as(author, (em) =>
      lessons.insert(em, {
        id: lessonId,
        projectId,
        tenantId: tenant.id,
        orgId: tenant.orgId,
        authorId: author.id,
        whatHappened: 'Something happened',
        impact: null,
        recommendation: 'Do better',
        tags: [],
        phase: null,
        visibility: LessonVisibility.BRANCH,
        ...lesson,
      }),
    );
    return lessonId;
  };
  const setState = (lessonId: string, state: string) =>
    db.owner.query(`UPDATE lessons SET state = $2, published_at = CASE WHEN $2 IN ('PUBLISHED', 'RETIRED') THEN now() END WHERE id = $1`, [lessonId, state]);
  const seen = async (user: SeededUser) => (await db.as(user, (em) => lessons.byIds(em, Object.values(id)))).map((row) => row.title).sort();
  const search = async (user: SeededUser, query: string, tags: string[] | null = null, tenant = north) =>
    db.as(user, async (em) => {
      const config = await lessons.searchConfig(em, tenant.id, query);
      if (!config) return null;
      return lessons.search(em, { orgId: config.orgId, config: config.config, query, tags, limit: 20 });
    });
  const titles = (rows: Array<{ title: string }> | null) => rows?.map((row) => row.title);

  beforeAll(async () => {
    db = await RepositoryTestDb.create();
    hub = await db.hub('Acme');
    north = await db.spoke(hub, 'North');
    south = await db.spoke(hub, 'South');
    otherHub = await db.hub('Globex');
    manager = await db.user([[north, Role.PROJECT_MANAGER]]);
    northLead = await db.user([[north, Role.PMO_LEAD]]);
    northViewer = await db.user([[north, Role.VIEWER]]);
    southViewer = await db.user([[south, Role.VIEWER]]);
    hubAdmin = await db.user([[hub, Role.ORG_ADMIN]]);
    stranger = await db.user([[otherHub, Role.ORG_ADMIN]]);
    northProject = await project(north, 'Warehouse automation', 'Robots and conveyors for the northern warehouse', manager.id);
    southProject = await project(south, 'Warehouse robots', 'Automation of the southern warehouse with robots');

    id.draft = await write(manager, northProject, north, { title: 'Draft: vendors delayed the robots', visibility: LessonVisibility.ORGANIZATION });
    id.submitted = await write(manager, northProject, north, { title: 'Submitted: vendors delayed the conveyors', visibility: LessonVisibility.ORGANIZATION });
    id.branch = await write(manager, northProject, north, {
      title: 'Branch: vendors delayed the hardware',
      recommendation: 'Order hardware early',
      tags: ['vendor-management', 'hardware'],
    });
    id.organization = await write(manager, northProject, north, {
      title: 'Organization: vendors delayed the software delivery',
      recommendation: 'Put delivery penalties in vendor contracts',
      whatHappened: 'The vendor delivered the warehouse software three months late',
      tags: ['vendor-management'],
      phase: 'Delivery',
      visibility: LessonVisibility.ORGANIZATION,
    });
    id.retired = await write(manager, northProject, north, { title: 'Retired: vendors delayed everything', visibility: LessonVisibility.ORGANIZATION });
    await setState(id.submitted, 'SUBMITTED');
    await setState(id.branch, 'PUBLISHED');
    await setState(id.organization, 'PUBLISHED');
    await setState(id.retired, 'RETIRED');
  });
  afterAll(() => db.close());

  describe('who reads a lesson', () => {
    it('shows drafts and submitted lessons to their author and the PMOs above them only', async () => {
      const all = ['Branch', 'Draft', 'Organization', 'Retired', 'Submitted'].map((word) => expect.stringMatching(new RegExp(`^${word}:`)));
      expect(await seen(manager)).toEqual(all);
      expect(await seen(northLead)).toEqual(all);
      expect(await seen(hubAdmin)).toEqual(all);
      expect(await seen(northViewer)).toEqual([expect.stringMatching(/^Branch/), expect.stringMatching(/^Organization/), expect.stringMatching(/^Retired/)]);
    });

    it('shows a sibling spoke the published ORGANIZATION lesson only, and another organization nothing', async () => {
      expect(await seen(southViewer)).toEqual([expect.stringMatching(/^Organization/)]);
      expect(await seen(stranger)).toEqual([]);
      // The owner, whom RLS does not bind, sees every row: the policies hide them.
      expect((await db.owner.query('SELECT count(*)::int AS n FROM lessons'))[0].n).toBe(5);
    });

    it('bites: a policy that forgets the visibility lets the sibling read a BRANCH lesson', async () => {
      await db.owner.query(`ALTER POLICY lessons_organization ON lessons USING (state = 'PUBLISHED' AND org_id = ANY ((SELECT pmo_member_orgs())::uuid[]))`);
      try {
        expect(await seen(southViewer)).toEqual([expect.stringMatching(/^Branch/), expect.stringMatching(/^Organization/)]);
      } finally {
        await db.owner.query(
          `ALTER POLICY lessons_organization ON lessons USING (state = 'PUBLISHED' AND visibility = 'ORGANIZATION' AND org_id = ANY ((SELECT pmo_member_orgs())::uuid[]))`,
        );
      }
      expect(await seen(southViewer)).toEqual([expect.stringMatching(/^Organization/)]);
    });

    it('lets a lesson be written only in a tenant the author sees, under their own name', async () => {
      await expect(write(southViewer, northProject, north, { title: 'Forged' })).rejects.toMatchObject({ code: '42501' });
      await expect(
        db.as(manager, (em) =>
          lessons.insert(em, {
            id: randomUUID(),
            projectId: northProject,
            tenantId: north.id,
            orgId: north.orgId,
            authorId: northLead.id,
            title: 'Someone else’s',
            whatHappened: 'x',
            impact: null,
            recommendation: 'x',
            tags: [],
            phase: null,
            visibility: LessonVisibility.BRANCH,
          }),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });

    it('names a lesson’s tenant to whoever reads one of its ORGANIZATION lessons, and no other', async () => {
      const emptySpoke = await db.spoke(hub, 'East');
      // The hub is the sibling's ancestor: its identity was already theirs to see.
      expect((await db.as(southViewer, (em) => lessons.tenants(em, [north.id, emptySpoke.id, hub.id]))).map((t) => t.name).sort()).toEqual(['Acme', 'North']);
      expect(await db.as(stranger, (em) => lessons.tenants(em, [north.id]))).toEqual([]);
    });
  });

  describe('search', () => {
    it('stems: "vendor delay" finds what says "vendors delayed", published only', async () => {
      expect(titles(await search(northViewer, 'vendor delay'))?.sort()).toEqual([
        'Branch: vendors delayed the hardware',
        'Organization: vendors delayed the software delivery',
      ]);
    });

    it('reads websearch syntax: an excluded word, a quoted phrase, or', async () => {
      expect(titles(await search(northViewer, 'vendor -hardware'))).toEqual(['Organization: vendors delayed the software delivery']);
      expect(titles(await search(northViewer, '"three months late"'))).toEqual(['Organization: vendors delayed the software delivery']);
      expect(titles(await search(northViewer, '"months three late"'))).toEqual([]);
      expect(titles(await search(northViewer, 'conveyor or hardware'))).toEqual(['Branch: vendors delayed the hardware']);
    });

    it('ranks the title above the recommendation and the rest, with a snippet of the matching passage', async () => {
      const rows = await search(northViewer, 'delivery');
      expect(titles(rows)).toEqual(['Organization: vendors delayed the software delivery']);
      const hardware = await search(northViewer, 'hardware');
      expect(hardware?.[0].snippet).toContain('«hardware»');
      // "contracts" is only in a recommendation, "warehouse" only in what happened: B weighs more than C.
      const [byRecommendation] = (await search(northViewer, 'contracts')) ?? [];
      const [byStory] = (await search(northViewer, 'warehouse')) ?? [];
      expect(byRecommendation.rank).toBeGreaterThan(byStory.rank);
    });

    it('filters by every tag given, exactly', async () => {
      expect(titles(await search(northViewer, 'vendor', ['vendor-management']))?.length).toBe(2);
      expect(titles(await search(northViewer, 'vendor', ['vendor-management', 'hardware']))).toEqual(['Branch: vendors delayed the hardware']);
      expect(titles(await search(northViewer, 'vendor', ['vendor']))).toEqual([]);
    });

    it('counts every visible match, and searches only what the caller may see', async () => {
      const rows = await db.as(northViewer, (em) => lessons.search(em, { orgId: hub.orgId, config: 'english', query: 'vendor', tags: null, limit: 1 }));
      expect(rows.map((row) => row.total)).toEqual([2]);
      expect(titles(await search(southViewer, 'vendor delay', null, south))).toEqual(['Organization: vendors delayed the software delivery']);
      expect(await search(stranger, 'vendor', null, otherHub)).toEqual([]);
      expect(await db.as(stranger, (em) => lessons.search(em, { orgId: hub.orgId, config: 'english', query: 'vendor', tags: null, limit: 20 }))).toEqual([]);
    });

    it('reports a query that keeps no word as 0 nodes', async () => {
      for (const query of ['the', 'the and of', '-the', '"" or']) {
        expect([query, (await db.as(northViewer, (em) => lessons.searchConfig(em, north.id, query)))?.nodes]).toEqual([query, 0]);
      }
      expect((await db.as(northViewer, (em) => lessons.searchConfig(em, north.id, 'vendor')))?.nodes).toBe(1);
    });
  });

  describe('a gate’s lessons', () => {
    it('ranks the phase’s published lessons of other projects by their match with the project', async () => {
      const more = await write(northLead, northProject, north, {
        title: 'Warehouse robots need spare parts',
        recommendation: 'Stock robot spare parts before go-live',
        phase: 'delivery',
        visibility: LessonVisibility.ORGANIZATION,
      });
      await setState(more, 'PUBLISHED');
      const rows = await db.as(southViewer, (em) => lessons.relevantToGate(em, southProject, 'Delivery', 5));
      expect(titles(rows)).toEqual(['Warehouse robots need spare parts', 'Organization: vendors delayed the software delivery']);
      expect(await db.as(southViewer, (em) => lessons.relevantToGate(em, southProject, 'Initiation', 5))).toEqual([]);
      // Not the project's own lessons.
      expect(await db.as(manager, (em) => lessons.relevantToGate(em, northProject, 'Delivery', 5))).toEqual([]);
      await db.owner.query('DELETE FROM lessons WHERE id = $1', [more]);
    });
  });

  describe('the organization’s configuration', () => {
    it('re-indexes every lesson of the organization when its ORG_ADMIN changes it', async () => {
      await db.as(hubAdmin, (em) => lessons.setSearchConfig(em, hub.orgId, 'simple'));
      expect(
        (await db.owner.query('SELECT DISTINCT search_config FROM lessons WHERE org_id = $1', [hub.orgId])).map(
          (r: { search_config: string }) => r.search_config,
        ),
      ).toEqual(['simple']);
      // No stemming in 'simple': "delay" no longer finds "delayed".
      expect(await search(northViewer, 'delay')).toEqual([]);
      expect(titles(await search(northViewer, 'delayed'))?.length).toBe(2);
      const written = await write(manager, northProject, north, { title: 'Written after the change' });
      expect((await db.owner.query('SELECT search_config FROM lessons WHERE id = $1', [written]))[0].search_config).toBe('simple');
      await db.as(hubAdmin, (em) => lessons.setSearchConfig(em, hub.orgId, 'english'));
      expect(titles(await search(northViewer, 'delay'))?.length).toBe(2);
      await db.owner.query('DELETE FROM lessons WHERE id = $1', [written]);
    });

    it('is read by the organization’s members and set by its hub alone', async () => {
      await expect(db.as(stranger, (em) => lessons.setSearchConfig(em, hub.orgId, 'simple'))).rejects.toMatchObject({ code: '42501' });
      expect((await db.as(southViewer, (em) => lessons.searchConfig(em, south.id, 'x')))?.config).toBe('english');
    });
  });

  describe('closing a project', () => {
    it('needs a lesson submitted or later (even one the caller cannot read) or a statement that there is none', async () => {
      const fresh = await project(north, 'Closing', null, manager.id);
      expect(await db.as(manager, (em) => lessons.closable(em, fresh))).toBe(false);
      const draft = await write(northLead, fresh, north, { title: 'Lead’s draft' });
      expect(await db.as(manager, (em) => lessons.closable(em, fresh))).toBe(false);
      await setState(draft, 'SUBMITTED');
      expect(await db.as(manager, (em) => lessons.byIds(em, [draft]))).toEqual([]);
      expect(await db.as(manager, (em) => lessons.closable(em, fresh))).toBe(true);
      // Answered only about a project the caller sees.
      expect(await db.as(southViewer, (em) => lessons.closable(em, fresh))).toBe(false);

      const other = await project(north, 'Nothing learned', null, manager.id);
      await db.as(manager, (em) =>
        lessons.declareNoLessons(em, { projectId: other, tenantId: north.id, orgId: north.orgId, reason: 'A two-week pilot', declaredBy: manager.id }),
      );
      await db.as(manager, (em) =>
        lessons.declareNoLessons(em, { projectId: other, tenantId: north.id, orgId: north.orgId, reason: 'A one-week pilot', declaredBy: manager.id }),
      );
      expect(await db.as(manager, (em) => lessons.closable(em, other))).toBe(true);
      expect((await db.as(northViewer, (em) => lessons.noLessons(em, [other]))).map((row) => row.reason)).toEqual(['A one-week pilot']);
      expect(await db.as(southViewer, (em) => lessons.noLessons(em, [other]))).toEqual([]);
    });
  });
});

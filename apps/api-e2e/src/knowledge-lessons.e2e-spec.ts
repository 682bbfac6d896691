// Lessons learned over GraphQL: the life cycle and who takes each step, who finds a lesson
// (a sibling spoke finds an ORGANIZATION lesson, not a BRANCH one nor a draft; another
// organization nothing), stemmed and ranked search, bad input, the organization's search
// language, the rule that a project is COMPLETED only with a submitted lesson or a
// statement that it has none, and a gate review showing lessons from elsewhere.
import { GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;

const LESSON = 'id projectId title whatHappened impact recommendation tags phase state visibility createdAt publishedAt tenant { id name }';
const CREATE = `mutation($i: CreateLessonInput!) { createLesson(input: $i) { ${LESSON} } }`;
const STEP = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${LESSON} } }`;
const SEARCH = `query($t: ID!, $q: String!, $tags: [String!], $first: Int) {
  searchLessons(tenantId: $t, query: $q, tags: $tags, first: $first) { totalCount hits { rank snippet lesson { id title visibility tenant { name } } } }
}`;
const TRANSITION = `mutation($id: ID!, $to: ProjectState!) { transitionProject(id: $id, to: $to) { state } }`;
const DECLARE = `mutation($id: ID!, $r: String!) { declareNoLessons(projectId: $id, reason: $r) { id noLessonsReason } }`;

describe('knowledge: lessons learned', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let globex: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let south: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const lesson: Record<string, string> = {};

  const person = async (name: string, tenantId: string, role: string) => {
    token[name] = await stack.member(acme.token, tenantId, role);
    id[name] = (await stack.ok('{ me { id } }', {}, token[name])).me.id;
  };
  const project = async (who: string, input: Record<string, unknown>) =>
    (await stack.ok(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: input }, token[who])).createProject.id as string;
  const write = async (who: string, input: Record<string, unknown>) => (await stack.ok(CREATE, { i: input }, token[who])).createLesson;
  const step = (name: string, lessonId: string, who: string) => stack.gql(STEP(name), { id: lessonId }, token[who]);
  const publish = async (lessonId: string, author: string, publisher: string) => {
    await stack.ok(STEP('submitLesson'), { id: lessonId }, token[author]);
    await stack.ok(STEP('publishLesson'), { id: lessonId }, token[publisher]);
  };
  const search = async (who: string, tenantId: string, q: string, extra: Record<string, unknown> = {}) =>
    (await stack.ok(SEARCH, { t: tenantId, q, ...extra }, token[who])).searchLessons;
  const titles = (result: { hits: Array<{ lesson: { title: string } }> }) => result.hits.map((hit) => hit.lesson.title);

  beforeAll(async () => {
    stack = await Stack.start({ env: { LOG_LEVEL: 'info' } });
    acme = await stack.signUp('Acme PMO');
    globex = await stack.signUp('Globex PMO');
    token.admin = acme.token;
    token.globex = globex.token;
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    await person('northLead', north, 'PMO_LEAD');
    await person('manager', north, 'PROJECT_MANAGER');
    await person('northViewer', north, 'VIEWER');
    await person('southLead', south, 'PMO_LEAD');
    await person('southViewer', south, 'VIEWER');
    id.northProject = await project('northLead', { tenantId: north, code: 'N-1', name: 'Northern warehouse automation', managerId: id.manager });
  });

  afterAll(() => stack?.stop());

  it('takes a lesson from DRAFT to RETIRED, each step by whom the rules allow, publishing through the outbox', async () => {
    const draft = await write('manager', {
      projectId: id.northProject,
      title: 'Vendors delayed the conveyor hardware',
      whatHappened: 'Our conveyor vendors delayed delivery by six weeks',
      recommendation: 'Add delivery penalties to vendor contracts',
      tags: ['vendor-management', 'procurement'],
      phase: 'Delivery',
      visibility: 'ORGANIZATION',
    });
    expect(draft).toMatchObject({ state: 'DRAFT', visibility: 'ORGANIZATION', tenant: { id: north, name: 'North' }, publishedAt: null, impact: null });
    lesson.organization = draft.id;
    expect(codeOf(await step('publishLesson', draft.id, 'northLead'))).toBe('CONFLICT');
    expect(codeOf(await step('submitLesson', draft.id, 'northViewer'))).toBe('NOT_FOUND');
    expect((await step('submitLesson', draft.id, 'manager')).data.submitLesson.state).toBe('SUBMITTED');
    expect(codeOf(await step('publishLesson', draft.id, 'manager'))).toBe('FORBIDDEN');
    expect(codeOf(await step('publishLesson', draft.id, 'southLead'))).toBe('NOT_FOUND');
    const published = (await step('publishLesson', draft.id, 'northLead')).data.publishLesson;
    expect(published.state).toBe('PUBLISHED');
    expect(published.publishedAt).toEqual(expect.any(String));
    // A PMO of a sibling spoke reads it now, but does not curate it.
    expect(codeOf(await step('retireLesson', draft.id, 'southLead'))).toBe('FORBIDDEN');
    // The event was written in the publishing transaction and consumed by the worker.
    await stack.waitForIdle();
    expect(stack.logs()).toContain(`lesson ${draft.id} of project ${id.northProject} published (ORGANIZATION)`);
    const audit = await stack.db.query(`SELECT action FROM audit_log WHERE entity = 'lesson' AND entity_id = $1 ORDER BY id`, [draft.id]);
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'submit', 'publish']);

    const retiring = await write('northLead', { projectId: id.northProject, title: 'Old advice', whatHappened: 'x', recommendation: 'y' });
    await publish(retiring.id, 'northLead', 'northLead');
    expect((await step('retireLesson', retiring.id, 'northLead')).data.retireLesson.state).toBe('RETIRED');
    expect(codeOf(await step('retireLesson', retiring.id, 'northLead'))).toBe('CONFLICT');
  });

  it('is written by the project’s manager or a PMO above it, on a project the writer sees', async () => {
    const input = { projectId: id.northProject, title: 'T', whatHappened: 'W', recommendation: 'R' };
    expect(codeOf(await stack.gql(CREATE, { i: input }, token.northViewer))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(CREATE, { i: input }, token.southLead))).toBe('NOT_FOUND');
    expect(codeOf(await stack.gql(CREATE, { i: input }, token.globex))).toBe('NOT_FOUND');
  });

  describe('who finds a lesson', () => {
    beforeAll(async () => {
      const branch = await write('manager', {
        projectId: id.northProject,
        title: 'Vendors delayed the robot arms',
        whatHappened: 'The robot vendor was late',
        recommendation: 'Keep a second vendor',
        tags: ['vendor-management'],
      });
      await publish(branch.id, 'manager', 'northLead');
      lesson.branch = branch.id;
      lesson.draft = (
        await write('manager', {
          projectId: id.northProject,
          title: 'Vendors delayed the scanners',
          whatHappened: 'x',
          recommendation: 'y',
          visibility: 'ORGANIZATION',
        })
      ).id;
    });

    it('lets a sibling spoke find the ORGANIZATION lesson, not the BRANCH one nor the draft', async () => {
      const found = await search('southViewer', south, 'vendor delay');
      expect(found).toEqual({
        totalCount: 1,
        hits: [
          {
            rank: expect.any(Number),
            snippet: expect.stringContaining('«'),
            lesson: { id: lesson.organization, title: 'Vendors delayed the conveyor hardware', visibility: 'ORGANIZATION', tenant: { name: 'North' } },
          },
        ],
      });
      expect((await stack.ok(`query($id: ID!) { lesson(id: $id) { id } }`, { id: lesson.branch }, token.southViewer)).lesson).toBeNull();
      expect((await stack.ok(`query($id: ID!) { lesson(id: $id) { id } }`, { id: lesson.draft }, token.southViewer)).lesson).toBeNull();
      expect((await stack.ok(`query($id: ID!) { lesson(id: $id) { title } }`, { id: lesson.organization }, token.southViewer)).lesson.title).toBe(
        'Vendors delayed the conveyor hardware',
      );
      // In the branch, the BRANCH lesson too; the draft only by its author and the PMOs above.
      expect(titles(await search('northViewer', north, 'vendor delay')).sort()).toEqual([
        'Vendors delayed the conveyor hardware',
        'Vendors delayed the robot arms',
      ]);
      expect((await stack.ok(`query($id: ID!) { lesson(id: $id) { id } }`, { id: lesson.draft }, token.northViewer)).lesson).toBeNull();
      expect((await stack.ok(`query($id: ID!) { lesson(id: $id) { state } }`, { id: lesson.draft }, token.northLead)).lesson.state).toBe('DRAFT');
    });

    it('shows another organization nothing', async () => {
      expect(await search('globex', globex.hubId, 'vendor delay')).toEqual({ totalCount: 0, hits: [] });
      expect(codeOf(await stack.gql(SEARCH, { t: north, q: 'vendor' }, token.globex))).toBe('NOT_FOUND');
      expect((await stack.ok(`query($id: ID!) { lesson(id: $id) { id } }`, { id: lesson.organization }, token.globex)).lesson).toBeNull();
    });

    it('stems and ranks: the more specific lesson first, websearch operators and tags as facets', async () => {
      const specific = await write('northLead', {
        projectId: id.northProject,
        title: 'Conveyor vendor delays stopped the warehouse go-live',
        whatHappened: 'Conveyor vendors delayed twice',
        recommendation: 'Track conveyor vendor milestones weekly',
        tags: ['vendor-management'],
        visibility: 'ORGANIZATION',
      });
      await publish(specific.id, 'northLead', 'northLead');
      const found = await search('southViewer', south, 'conveyor vendor delay');
      expect(titles(found)).toEqual(['Conveyor vendor delays stopped the warehouse go-live', 'Vendors delayed the conveyor hardware']);
      expect(found.hits[0].rank).toBeGreaterThan(found.hits[1].rank);
      expect(titles(await search('southViewer', south, 'vendor -hardware'))).toEqual(['Conveyor vendor delays stopped the warehouse go-live']);
      expect(titles(await search('southViewer', south, '"delayed delivery"'))).toEqual(['Vendors delayed the conveyor hardware']);
      expect(titles(await search('northViewer', north, 'vendor', { tags: ['vendor-management', 'procurement'] }))).toEqual([
        'Vendors delayed the conveyor hardware',
      ]);
      const page = await search('northViewer', north, 'vendor', { first: 1 });
      expect({ hits: page.hits.length, totalCount: page.totalCount }).toEqual({ hits: 1, totalCount: 3 });
    });
  });

  it('answers bad input with BAD_USER_INPUT naming the field, never a 500', async () => {
    const input = { projectId: id.northProject, title: 'T', whatHappened: 'W', recommendation: 'R' };
    const cases: Array<[Promise<GqlResult>, string]> = [
      [stack.gql(SEARCH, { t: north, q: '' }, token.northViewer), 'query'],
      [stack.gql(SEARCH, { t: north, q: '- "" -' }, token.northViewer), 'query'],
      [stack.gql(SEARCH, { t: north, q: 'the and of' }, token.northViewer), 'query'],
      [stack.gql(SEARCH, { t: north, q: 'x'.repeat(501) }, token.northViewer), 'query'],
      [stack.gql(SEARCH, { t: north, q: 'vendor', tags: ['Vendor Management'] }, token.northViewer), 'tags'],
      [stack.gql(SEARCH, { t: north, q: 'vendor', first: 0 }, token.northViewer), 'first'],
      [stack.gql(CREATE, { i: { ...input, title: '   ' } }, token.manager), 'title'],
      [stack.gql(CREATE, { i: { ...input, title: 'x'.repeat(201) } }, token.manager), 'title'],
      [stack.gql(CREATE, { i: { ...input, whatHappened: '' } }, token.manager), 'whatHappened'],
      [stack.gql(CREATE, { i: { ...input, recommendation: 'x'.repeat(4001) } }, token.manager), 'recommendation'],
      [stack.gql(CREATE, { i: { ...input, tags: ['ok', 'not ok'] } }, token.manager), 'tags'],
      [stack.gql(DECLARE, { id: id.northProject, r: '' }, token.manager), 'reason'],
      [stack.gql(`mutation { setLessonSearchLanguage(tenantId: "${acme.hubId}", language: "klingon") }`, {}, token.admin), 'language'],
    ];
    for (const [attempt, field] of cases) {
      const result = await attempt;
      expect([field, codeOf(result), fieldOf(result)]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
  });

  it('lets the hub’s ORG_ADMIN choose the organization’s search language, which re-indexes its lessons', async () => {
    expect(codeOf(await stack.gql(`mutation { setLessonSearchLanguage(tenantId: "${north}", language: "simple") }`, {}, token.northLead))).toBe('FORBIDDEN');
    expect((await stack.ok(`mutation { setLessonSearchLanguage(tenantId: "${north}", language: "simple") }`, {}, token.admin)).setLessonSearchLanguage).toBe(
      'simple',
    );
    expect((await stack.ok(`query { lessonSearchLanguage(tenantId: "${south}") }`, {}, token.southViewer)).lessonSearchLanguage).toBe('simple');
    expect((await search('northViewer', north, 'delay')).totalCount).toBe(0);
    await stack.ok(`mutation { setLessonSearchLanguage(tenantId: "${acme.hubId}", language: "english") }`, {}, token.admin);
    expect((await search('northViewer', north, 'delay')).totalCount).toBe(3);
  });

  it('completes a project only with a submitted lesson or its manager’s statement that there is none', async () => {
    const withLesson = await project('northLead', { tenantId: north, code: 'N-2', name: 'Pilot', managerId: id.manager });
    const refused = await stack.gql(TRANSITION, { id: withLesson, to: 'COMPLETED' }, token.manager);
    expect([codeOf(refused), fieldOf(refused), refused.errors?.[0]?.message]).toEqual([
      'BAD_USER_INPUT',
      'to',
      expect.stringMatching(/SUBMITTED lesson.*declareNoLessons/),
    ]);
    const draft = await write('manager', { projectId: withLesson, title: 'Pilots need users', whatHappened: 'x', recommendation: 'y' });
    expect(codeOf(await stack.gql(TRANSITION, { id: withLesson, to: 'COMPLETED' }, token.manager))).toBe('BAD_USER_INPUT');
    await stack.ok(STEP('submitLesson'), { id: draft.id }, token.manager);
    expect((await stack.ok(TRANSITION, { id: withLesson, to: 'COMPLETED' }, token.manager)).transitionProject.state).toBe('COMPLETED');

    const without = await project('northLead', { tenantId: north, code: 'N-3', name: 'Tiny', managerId: id.manager });
    expect(codeOf(await stack.gql(DECLARE, { id: without, r: 'Two days of work' }, token.northViewer))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(DECLARE, { id: without, r: 'Two days of work' }, token.southLead))).toBe('NOT_FOUND');
    expect((await stack.ok(DECLARE, { id: without, r: 'Two days of work' }, token.manager)).declareNoLessons).toEqual({
      id: without,
      noLessonsReason: 'Two days of work',
    });
    expect((await stack.ok(TRANSITION, { id: without, to: 'COMPLETED' }, token.manager)).transitionProject.state).toBe('COMPLETED');
  });

  it('shows a gate review the most relevant published lessons of its phase from elsewhere in the organization', async () => {
    const methodology = (
      await stack.ok(
        `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id } }`,
        {
          i: {
            tenantId: acme.hubId,
            name: 'Stage gate',
            phases: [{ name: 'Delivery', gate: { name: 'G1', deliverables: ['Go-live plan'], approverRole: 'PMO_LEAD' } }],
          },
        },
        token.admin,
      )
    ).createMethodology.id;
    await stack.ok(`mutation($id: ID!) { publishMethodology(id: $id) { id } }`, { id: methodology }, token.admin);
    const southProject = await project('southLead', {
      tenantId: south,
      code: 'S-1',
      name: 'Southern conveyor rollout',
      description: 'Conveyors from an external vendor',
      methodologyId: methodology,
      startDate: '2026-01-05',
      managerId: id.southLead,
    });
    await stack.ok(
      `mutation($i: SubmitGateReviewInput!) { submitGateReview(input: $i) { id } }`,
      { i: { projectId: southProject, criteria: [{ criterion: 'Go-live plan', status: 'MET', evidence: 'https://docs/plan' }] } },
      token.southLead,
    );
    const { project: seen } = await stack.ok(
      `query($id: ID!) { project(id: $id) { gateReviews { phase relevantLessons(first: 3) { rank snippet lesson { title phase tenant { name } } } } } }`,
      { id: southProject },
      token.southViewer,
    );
    expect(seen.gateReviews).toEqual([
      {
        phase: 'Delivery',
        relevantLessons: [
          {
            rank: expect.any(Number),
            snippet: expect.stringContaining('«'),
            lesson: { title: 'Vendors delayed the conveyor hardware', phase: 'Delivery', tenant: { name: 'North' } },
          },
        ],
      },
    ]);
  });
});

// Projects over GraphQL: a tenant lists its whole subtree, siblings and other
// organizations see nothing, lists page exactly once through every row, and every
// refused write leaves the tables as they were.
import { GqlResult, Stack } from '@pmo/testing';

const PROJECT = 'id code name state tenant { id }';
const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;

describe('projects', () => {
  let stack: Stack;
  let hub: { token: string; hubId: string; userId: string };
  let other: { token: string; hubId: string };
  let north: string;
  let northEast: string;
  let south: string;
  let northLead: string;
  let northViewer: string;
  let southLead: string;
  const ids: Record<string, string> = {};

  const rows = async (sql: string, params: unknown[] = []) => (await stack.db.query(sql, params)).rows;
  const count = async (table: string) => Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const createProject = (token: string, input: Record<string, unknown>) =>
    stack.gql(`mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT} } }`, { input }, token);
  const newProject = async (token: string, input: Record<string, unknown>) =>
    (await stack.ok(`mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT} } }`, { input }, token)).createProject;
  const page = (token: string, vars: Record<string, unknown>) =>
    stack.gql(
      `query($t: ID!, $first: Int, $after: String, $filter: ProjectFilter, $sort: ProjectSort) {
         projects(tenantId: $t, first: $first, after: $after, filter: $filter, sort: $sort) {
           totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id code name } } } }`,
      vars,
      token,
    );
  const all = async (token: string, vars: Record<string, unknown>) => {
    const seen: Array<{ id: string; code: string; name: string }> = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const result = await page(token, { ...vars, after });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      const { edges, pageInfo, totalCount } = result.data.projects;
      seen.push(...edges.map((edge: { node: { id: string; code: string; name: string } }) => edge.node));
      if (!pageInfo.hasNextPage) return { seen, totalCount };
      after = pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  };
  const kpi = async (token: string, tenantId: string, key: string, aggregation = 'SUM', publish = true) => {
    const created = (
      await stack.ok(
        `mutation($input: CreateKpiDefinitionInput!) { createKpiDefinition(input: $input) { id } }`,
        { input: { tenantId, key, name: key, aggregation, direction: 'HIGHER_IS_BETTER' } },
        token,
      )
    ).createKpiDefinition.id as string;
    if (publish) await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { id } }`, { id: created }, token);
    return created;
  };
  const record = (token: string, input: Record<string, unknown>) =>
    stack.gql(
      `mutation($input: RecordKpiValueInput!) { recordKpiValue(input: $input) { period value weight project { id } kpi { id key owner { id } } } }`,
      { input },
      token,
    );
  const valueWrites = async () => ({
    values: await count('kpi_values'),
    history: await count('kpi_value_history'),
    audit: await count('audit_log'),
  });

  beforeAll(async () => {
    stack = await Stack.start();
    hub = await stack.signUp('Acme PMO');
    other = await stack.signUp('Globex PMO');
    north = await stack.createSpoke(hub.token, hub.hubId, 'North');
    northEast = await stack.createSpoke(hub.token, north, 'North East');
    south = await stack.createSpoke(hub.token, hub.hubId, 'South');
    northLead = await stack.member(hub.token, north, 'PMO_LEAD');
    northViewer = await stack.member(hub.token, north, 'VIEWER');
    southLead = await stack.member(hub.token, south, 'PMO_LEAD');
    ids.hubProject = (await newProject(hub.token, { tenantId: hub.hubId, code: 'HUB-1', name: 'Hub project' })).id;
    ids.northProject = (await newProject(northLead, { tenantId: north, code: 'N-1', name: 'North project' })).id;
    ids.northEastProject = (await newProject(northLead, { tenantId: northEast, code: 'NE-1', name: 'North East project' })).id;
    ids.southProject = (await newProject(southLead, { tenantId: south, code: 'S-1', name: 'South project' })).id;
    ids.otherProject = (await newProject(other.token, { tenantId: other.hubId, code: 'G-1', name: 'Globex project' })).id;
  });

  afterAll(() => stack?.stop());

  it('creates ACTIVE projects and lists each tenant’s whole subtree', async () => {
    const created = await newProject(northLead, { tenantId: north, code: 'N-2', name: ' Second ' });
    expect(created).toMatchObject({ code: 'N-2', name: 'Second', state: 'ACTIVE', tenant: { id: north } });
    const codes = async (token: string, tenantId: string) => (await all(token, { t: tenantId })).seen.map((p) => p.code).sort();
    expect(await codes(hub.token, hub.hubId)).toEqual(['HUB-1', 'N-1', 'N-2', 'NE-1', 'S-1']);
    expect(await codes(northLead, north)).toEqual(['N-1', 'N-2', 'NE-1']);
    expect(await codes(northLead, northEast)).toEqual(['NE-1']);
    expect(await codes(southLead, south)).toEqual(['S-1']);
  });

  it('hides a sibling spoke’s projects and tenant: null or NOT_FOUND, never FORBIDDEN', async () => {
    const seen = await stack.ok(`query($id: ID!, $t: ID!) { project(id: $id) { id } tenant(id: $t) { id } }`, { id: ids.northProject, t: north }, southLead);
    expect(seen).toEqual({ project: null, tenant: null });
    expect(codeOf(await page(southLead, { t: north }))).toBe('NOT_FOUND');
    expect(codeOf(await createProject(southLead, { tenantId: north, code: 'X', name: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(await stack.gql(`mutation { transitionProject(id: "${ids.northProject}", to: ON_HOLD) { id } }`, {}, southLead))).toBe('NOT_FOUND');
    // The spoke's own user sees it.
    expect((await stack.ok(`query($id: ID!) { project(id: $id) { id } }`, { id: ids.northProject }, northLead)).project.id).toBe(ids.northProject);
  });

  it('shows another organization nothing, while the row is there (RLS bites)', async () => {
    const [row] = await rows('SELECT id, tenant_id FROM projects WHERE id = $1', [ids.otherProject]);
    expect(row.tenant_id).toBe(other.hubId);
    expect((await stack.ok(`query($id: ID!) { project(id: $id) { id } }`, { id: ids.otherProject }, hub.token)).project).toBeNull();
    expect(codeOf(await page(hub.token, { t: other.hubId }))).toBe('NOT_FOUND');
    expect(codeOf(await page(other.token, { t: hub.hubId }))).toBe('NOT_FOUND');
    const theirs = await all(other.token, { t: other.hubId });
    expect(theirs.seen.map((p) => p.code)).toEqual(['G-1']);
  });

  it('refuses duplicate codes (case-insensitively) with CONFLICT and bad codes with BAD_USER_INPUT', async () => {
    const before = await count('projects');
    expect(codeOf(await createProject(northLead, { tenantId: north, code: 'n-1', name: 'dup' }))).toBe('CONFLICT');
    for (const code of ['', '-x', 'a b', 'x'.repeat(51)]) {
      expect(codeOf(await createProject(northLead, { tenantId: north, code, name: 'bad' }))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await createProject(northViewer, { tenantId: north, code: 'V-1', name: 'viewer' }))).toBe('FORBIDDEN');
    expect(await count('projects')).toBe(before);
    // The same code in another tenant is fine.
    await newProject(southLead, { tenantId: south, code: 'N-1', name: 'Same code, other tenant' });
  });

  it('pages 120 projects exactly once whatever the sort, and refuses bad page arguments', async () => {
    const bulk = await stack.createSpoke(hub.token, hub.hubId, 'Bulk');
    const codes = Array.from({ length: 120 }, (_, i) => `B-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < codes.length; i += 12) {
      await Promise.all(codes.slice(i, i + 12).map((code, j) => newProject(hub.token, { tenantId: bulk, code, name: `Bulk ${(i + j) % 7}` })));
    }
    for (const sort of ['CODE_ASC', 'CODE_DESC', 'NAME_ASC', 'NAME_DESC', 'CREATED_AT_ASC', 'CREATED_AT_DESC']) {
      const { seen, totalCount } = await all(hub.token, { t: bulk, first: 50, sort });
      expect(totalCount).toBe(120);
      expect(seen).toHaveLength(120);
      expect(new Set(seen.map((p) => p.id)).size).toBe(120);
      if (sort === 'CODE_ASC') expect(seen.map((p) => p.code)).toEqual(codes);
      if (sort === 'CODE_DESC') expect(seen.map((p) => p.code)).toEqual([...codes].reverse());
    }
    const first = await page(hub.token, { t: bulk, first: 50 });
    expect(first.data.projects.edges).toHaveLength(50);
    expect(first.data.projects.pageInfo.hasNextPage).toBe(true);
    expect(codeOf(await page(hub.token, { t: bulk, first: 1001 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await page(hub.token, { t: bulk, first: 0 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await page(hub.token, { t: bulk, after: 'garbage' }))).toBe('BAD_USER_INPUT');
    const cursor = first.data.projects.pageInfo.endCursor;
    expect(codeOf(await page(hub.token, { t: bulk, after: cursor, sort: 'NAME_ASC' }))).toBe('BAD_USER_INPUT');
    // The hub's list covers the bulk spoke too.
    expect((await page(hub.token, { t: hub.hubId, first: 1 })).data.projects.totalCount).toBeGreaterThanOrEqual(125);
  });

  it('filters by state, text (wildcards escaped), program and latest status RAG', async () => {
    const spoke = await stack.createSpoke(hub.token, hub.hubId, 'Filters');
    const program = (
      await stack.ok(
        `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id name tenant { id } } }`,
        {
          input: { tenantId: spoke, name: 'Transformation' },
        },
        hub.token,
      )
    ).createProgram;
    expect(program.tenant.id).toBe(spoke);
    const dupe = await stack.gql(
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      { input: { tenantId: spoke, name: 'transformation' } },
      hub.token,
    );
    expect(codeOf(dupe)).toBe('CONFLICT');
    // The input's declared shape: a blank name and an overlong description, each named.
    const blank = await stack.gql(
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      { input: { tenantId: spoke, name: '  ' } },
      hub.token,
    );
    expect([codeOf(blank), blank.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'name']);
    const long = await stack.gql(
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`,
      { input: { tenantId: spoke, name: 'L', description: 'x'.repeat(10001) } },
      hub.token,
    );
    expect([codeOf(long), long.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'description']);
    const a = await newProject(hub.token, { tenantId: spoke, code: 'F-1', name: '50% done', programId: program.id });
    const b = await newProject(hub.token, { tenantId: spoke, code: 'F-2', name: '50 percent', state: 'PROPOSED' });
    await newProject(hub.token, { tenantId: spoke, code: 'F_3', name: 'Other' });
    const codes = async (filter: Record<string, unknown>) => (await all(hub.token, { t: spoke, filter })).seen.map((p) => p.code);
    expect(await codes({ text: '50%' })).toEqual(['F-1']);
    expect(await codes({ text: 'F_' })).toEqual(['F_3']);
    expect(await codes({ states: ['PROPOSED'] })).toEqual(['F-2']);
    expect(await codes({ programId: program.id })).toEqual(['F-1']);
    const submit = (projectId: string, period: string, overall: string) =>
      stack.ok(
        `mutation($input: SubmitStatusReportInput!) { submitStatusReport(input: $input) { id } }`,
        {
          input: { projectId, period, overall, summary: `${overall} in ${period}` },
        },
        hub.token,
      );
    await submit(a.id, '2026-01', 'RED');
    await submit(a.id, '2026-02', 'GREEN');
    await submit(b.id, '2026-02', 'RED');
    expect(await codes({ latestStatusRag: ['RED'] })).toEqual(['F-2']);
    expect(await codes({ latestStatusRag: ['GREEN', 'RED'] })).toEqual(['F-1', 'F-2']);
    const programs = await stack.ok(`query($t: ID!) { programs(tenantId: $t) { name } }`, { t: spoke }, hub.token);
    expect(programs.programs).toEqual([{ name: 'Transformation' }]);
  });

  it('enforces the life cycle and keeps each change in the audit log', async () => {
    const project = await newProject(northLead, { tenantId: north, code: 'LC-1', name: 'Life cycle', state: 'PROPOSED' });
    const move = (to: string) =>
      stack.gql(`mutation($id: ID!, $to: ProjectState!) { transitionProject(id: $id, to: $to) { state } }`, { id: project.id, to }, northLead);
    expect(codeOf(await move('COMPLETED'))).toBe('BAD_USER_INPUT');
    expect((await move('ACTIVE')).data.transitionProject.state).toBe('ACTIVE');
    expect((await move('ON_HOLD')).data.transitionProject.state).toBe('ON_HOLD');
    expect(codeOf(await move('COMPLETED'))).toBe('BAD_USER_INPUT');
    expect((await move('ACTIVE')).data.transitionProject.state).toBe('ACTIVE');
    // Completed only with a submitted lesson or the statement that there is none (the lessons archive's rule).
    expect(codeOf(await move('COMPLETED'))).toBe('BAD_USER_INPUT');
    await stack.ok(`mutation($id: ID!) { declareNoLessons(projectId: $id, reason: "A test project") { id } }`, { id: project.id }, northLead);
    expect((await move('COMPLETED')).data.transitionProject.state).toBe('COMPLETED');
    expect(codeOf(await move('ACTIVE'))).toBe('BAD_USER_INPUT');
    const audit = await rows(
      `SELECT action, before->>'state' AS before, after->>'state' AS after FROM audit_log WHERE entity = 'project' AND entity_id = $1 ORDER BY id`,
      [project.id],
    );
    expect(audit.map((entry) => `${entry.action}:${entry.before ?? ''}>${entry.after}`)).toEqual([
      'create:>PROPOSED',
      'transition:PROPOSED>ACTIVE',
      'transition:ACTIVE>ON_HOLD',
      'transition:ON_HOLD>ACTIVE',
      'transition:ACTIVE>COMPLETED',
    ]);
    const state = await rows('SELECT state FROM projects WHERE id = $1', [project.id]);
    expect(state[0].state).toBe('COMPLETED');
    expect(codeOf(await stack.gql(`mutation($id: ID!) { transitionProject(id: $id, to: CANCELLED) { state } }`, { id: ids.northProject }, northViewer))).toBe(
      'FORBIDDEN',
    );
  });

  it('updates fields, validates the manager and dates, and manages milestones', async () => {
    const project = await newProject(northLead, { tenantId: north, code: 'UP-1', name: 'Update me', startDate: '2026-01-01' });
    const update = (input: Record<string, unknown>, token = northLead) =>
      stack.gql(
        `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) {
        name description startDate endDate plannedBudget actualCost managerId manager { id } } }`,
        { id: project.id, input },
        token,
      );
    const updated = await update({ description: 'Why', endDate: '2026-06-30', plannedBudget: 1000.25, actualCost: 10, managerId: hub.userId });
    expect(updated.data.updateProject).toMatchObject({
      name: 'Update me',
      description: 'Why',
      endDate: '2026-06-30',
      plannedBudget: 1000.25,
      actualCost: 10,
      managerId: hub.userId,
    });
    // A hub user may manage a spoke's project; only callers who see that user as a member see who it is.
    expect(updated.data.updateProject.manager).toBeNull();
    const seenByHub = await stack.ok(`query($id: ID!) { project(id: $id) { manager { id email } } }`, { id: project.id }, hub.token);
    expect(seenByHub.project.manager).toEqual({ id: hub.userId, email: expect.stringContaining('@') });
    expect(codeOf(await update({ endDate: '2025-12-31' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await update({ plannedBudget: -1 }))).toBe('BAD_USER_INPUT');
    // A user of another organization, or of a sibling spoke only, manages nothing here.
    const southUser = (await rows(`SELECT user_id FROM memberships WHERE tenant_id = $1`, [south]))[0].user_id;
    expect(codeOf(await update({ managerId: southUser }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await update({ name: 'x' }, southLead))).toBe('NOT_FOUND');

    const milestone = (
      await stack.ok(
        `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id name dueDate completedOn status } }`,
        {
          input: { projectId: project.id, name: 'Kick-off', dueDate: '2020-01-31' },
        },
        northLead,
      )
    ).addMilestone;
    expect(milestone).toMatchObject({ dueDate: '2020-01-31', completedOn: null, status: 'LATE' });
    const done = await stack.ok(
      `mutation($id: ID!) { completeMilestone(id: $id, completedOn: "2020-02-02") { completedOn status } }`,
      { id: milestone.id },
      northLead,
    );
    expect(done.completeMilestone).toEqual({ completedOn: '2020-02-02', status: 'DONE' });
    expect(codeOf(await stack.gql(`mutation($id: ID!) { completeMilestone(id: $id) { id } }`, { id: milestone.id }, southLead))).toBe('NOT_FOUND');
    expect(
      codeOf(
        await stack.gql(
          `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { id } }`,
          {
            input: { projectId: project.id, name: 'Bad', dueDate: '2026-02-30' },
          },
          northLead,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('replaces a status report and keeps the earlier text', async () => {
    const input = { projectId: ids.northProject, period: '2026-03', overall: 'AMBER', schedule: 'RED', summary: 'First take' };
    const submit = (extra: Record<string, unknown> = {}) =>
      stack.gql(
        `mutation($input: SubmitStatusReportInput!) { submitStatusReport(input: $input) { id period overall schedule summary history { summary overall } } }`,
        {
          input: { ...input, ...extra },
        },
        northLead,
      );
    const first = (await submit()).data.submitStatusReport;
    const second = (await submit({ overall: 'GREEN', summary: 'Second take' })).data.submitStatusReport;
    expect(second).toMatchObject({ id: first.id, overall: 'GREEN', summary: 'Second take', history: [{ summary: 'First take', overall: 'AMBER' }] });
    expect(codeOf(await submit({ period: '2026-13' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await stack.gql(`mutation($input: SubmitStatusReportInput!) { submitStatusReport(input: $input) { id } }`, { input }, northViewer))).toBe(
      'FORBIDDEN',
    );
    const list = await stack.ok(
      `query($id: ID!) { statusReports(projectId: $id) { period summary } project(id: $id) { latestStatusReport { period overall } } }`,
      { id: ids.northProject },
      hub.token,
    );
    expect(list.statusReports).toEqual([{ period: '2026-03', summary: 'Second take' }]);
    expect(list.project.latestStatusReport).toEqual({ period: '2026-03', overall: 'GREEN' });
    expect((await stack.ok(`query($id: ID!) { statusReports(projectId: $id) { period } }`, { id: ids.northProject }, southLead)).statusReports).toEqual([]);
  });

  describe('KPI values', () => {
    let project: string;

    beforeAll(async () => {
      await kpi(hub.token, hub.hubId, 'cost');
      await kpi(hub.token, hub.hubId, 'cpi', 'WEIGHTED_AVG');
      await kpi(hub.token, hub.hubId, 'draft_kpi', 'SUM', false);
      const retired = await kpi(hub.token, hub.hubId, 'old_kpi');
      await stack.ok(`mutation($id: ID!) { retireKpiDefinition(id: $id) { id } }`, { id: retired }, hub.token);
      await kpi(hub.token, south, 'south_only');
      project = (await newProject(northLead, { tenantId: north, code: 'KV-1', name: 'Values' })).id;
    });

    it('refuses bad values with BAD_USER_INPUT and writes nothing', async () => {
      const before = await valueWrites();
      const base = { projectId: project, kpiKey: 'cost', period: '2026-03', value: 5 };
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ period: '2026-13' }, /month/],
        [{ period: '1999-12' }, /year/],
        [{ period: 'March' }, /YYYY-MM/],
        [{ kpiKey: 'nope' }, /does not exist/],
        [{ kpiKey: 'draft_kpi' }, /draft|does not exist/],
        [{ kpiKey: 'old_kpi' }, /retired/],
        [{ kpiKey: 'south_only' }, /does not apply|does not exist/],
        [{ kpiKey: 'cpi' }, /weight is required/],
        [{ kpiKey: 'cpi', weight: 0 }, /greater than 0/],
        [{ kpiKey: 'cpi', weight: -2 }, /greater than 0/],
      ];
      for (const [change, message] of cases) {
        const result = await record(northLead, { ...base, ...change });
        expect({ change, code: codeOf(result) }).toEqual({ change, code: 'BAD_USER_INPUT' });
        expect(result.errors?.[0].message).toMatch(message);
      }
      expect(codeOf(await record(northViewer, base))).toBe('FORBIDDEN');
      expect(codeOf(await record(southLead, base))).toBe('NOT_FOUND');
      expect(await valueWrites()).toEqual(before);
    });

    it('records, replaces with history, deletes with history, and marks rollups', async () => {
      const first = await record(northLead, { projectId: project, kpiKey: 'cpi', period: '2026-03', value: 0.95, weight: 2 });
      expect(first.errors).toBeUndefined();
      expect(first.data.recordKpiValue).toMatchObject({
        period: '2026-03',
        value: 0.95,
        weight: 2,
        project: { id: project },
        kpi: { key: 'cpi', owner: { id: hub.hubId } },
      });
      const second = await record(northLead, { projectId: project, kpiKey: 'cpi', period: '2026-03', value: 1.05, weight: 3 });
      expect(second.data.recordKpiValue).toMatchObject({ value: 1.05, weight: 3 });
      const current = await rows(
        `SELECT v.value::text, v.weight::text, v.tenant_id FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id WHERE v.project_id = $1 AND d.key = 'cpi'`,
        [project],
      );
      expect(current).toEqual([{ value: '1.05', weight: '3', tenant_id: north }]);
      const history = await rows(`SELECT value::text, weight::text, action, superseded_by FROM kpi_value_history WHERE project_id = $1 ORDER BY id`, [project]);
      expect(history).toEqual([{ value: '0.95', weight: '2', action: 'REPLACED', superseded_by: expect.any(String) }]);
      const audit = await rows(`SELECT action, before, after FROM audit_log WHERE entity = 'kpi_value' AND entity_id = $1 ORDER BY id`, [project]);
      expect(audit).toEqual([
        { action: 'record', before: null, after: [{ kpiKey: 'cpi', period: '2026-03', value: '0.95', weight: '2' }] },
        {
          action: 'record',
          before: [{ kpiKey: 'cpi', period: '2026-03', value: '0.95', weight: '2' }],
          after: [{ kpiKey: 'cpi', period: '2026-03', value: '1.05', weight: '3' }],
        },
      ]);
      const listed = await stack.ok(
        `query($id: ID!) { kpiValues(projectId: $id, period: "2026-03") { value history { value action } } }`,
        { id: project },
        northLead,
      );
      expect(listed.kpiValues).toEqual([{ value: 1.05, history: [{ value: 0.95, action: 'REPLACED' }] }]);

      await stack.waitForIdle();
      const rollup = await rows(
        `SELECT r.tenant_id, r.value_count::int AS n, r.weighted_sum::text FROM kpi_rollups r JOIN kpi_definitions d ON d.id = r.kpi_id WHERE d.key = 'cpi' AND r.period = '2026-03' ORDER BY r.tenant_id = $1 DESC`,
        [hub.hubId],
      );
      expect(rollup.find((r) => r.tenant_id === hub.hubId)).toMatchObject({ n: 1, weighted_sum: '3.15' });

      const del = (token: string) => stack.gql(`mutation($p: ID!) { deleteKpiValue(projectId: $p, kpiKey: "cpi", period: "2026-03") }`, { p: project }, token);
      expect(codeOf(await del(southLead))).toBe('NOT_FOUND');
      expect((await del(northLead)).data.deleteKpiValue).toBe(true);
      expect((await del(northLead)).data.deleteKpiValue).toBe(false);
      expect(await rows(`SELECT action FROM kpi_value_history WHERE project_id = $1 ORDER BY id`, [project])).toEqual([
        { action: 'REPLACED' },
        { action: 'DELETED' },
      ]);
      await stack.waitForIdle();
      const after = await rows(
        `SELECT r.value_count::int AS n FROM kpi_rollups r JOIN kpi_definitions d ON d.id = r.kpi_id WHERE d.key = 'cpi' AND r.period = '2026-03' AND r.tenant_id = $1`,
        [hub.hubId],
      );
      expect(after.map((r) => r.n).filter((n) => n > 0)).toEqual([]);
    });

    it('records a batch all or nothing, naming every bad row', async () => {
      const before = await valueWrites();
      const good = (period: string, value: number) => ({ projectId: project, kpiKey: 'cost', period, value });
      const batch = (inputs: unknown[]) =>
        stack.gql(`mutation($inputs: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $inputs) { period value } }`, { inputs }, northLead);
      const bad = await batch([good('2026-01', 1), good('2026-13', 2), good('2026-02', 3), { ...good('2026-02', 4), kpiKey: 'draft_kpi' }, good('2026-01', 5)]);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      const reported = bad.errors?.[0].extensions?.rows as Array<{ index: number; message: string }>;
      expect(reported.map((row) => row.index)).toEqual([1, 3, 4]);
      expect(reported[0].message).toMatch(/month/);
      expect(reported[2].message).toMatch(/Row 0/);
      // A project the caller cannot see is a bad row, like a missing one.
      const hidden = await stack.gql(
        `mutation($inputs: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $inputs) { value } }`,
        { inputs: [good('2026-01', 1)] },
        southLead,
      );
      expect(codeOf(hidden)).toBe('BAD_USER_INPUT');
      expect(hidden.errors?.[0].extensions?.rows).toEqual([{ index: 0, message: 'Project not found' }]);
      expect(await valueWrites()).toEqual(before);

      const ok = await batch(Array.from({ length: 12 }, (_, i) => good(`2025-${String(i + 1).padStart(2, '0')}`, i + 0.1)));
      expect(ok.errors).toBeUndefined();
      expect(ok.data.recordKpiValues).toHaveLength(12);
      expect(ok.data.recordKpiValues[11]).toEqual({ period: '2025-12', value: 11.1 });
      expect(await count('kpi_values')).toBe(before.values + 12);
      expect(codeOf(await batch([]))).toBe('BAD_USER_INPUT');
    });

    it('takes a batch of 5000 values in one transaction and refuses 5001', async () => {
      const spoke = await stack.createSpoke(hub.token, hub.hubId, 'Batch');
      const projects: string[] = [];
      for (let i = 0; i < 50; i += 10) {
        projects.push(
          ...(await Promise.all(Array.from({ length: 10 }, (_, j) => newProject(hub.token, { tenantId: spoke, code: `BT-${i + j}`, name: 'Batch' })))).map(
            (p) => p.id,
          ),
        );
      }
      const periods = Array.from({ length: 50 }, (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
      const inputs = projects.flatMap((projectId, p) =>
        periods.flatMap((period, i) => [
          { projectId, kpiKey: 'cost', period, value: p * 1000 + i },
          { projectId, kpiKey: 'cpi', period, value: 1 + i / 100, weight: p + 1 },
        ]),
      );
      expect(inputs).toHaveLength(5000);
      const before = await count('kpi_values');
      const mutation = `mutation($inputs: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $inputs) { value } }`;
      const tooMany = await stack.gql(mutation, { inputs: [...inputs, inputs[0]] }, hub.token);
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      expect(await count('kpi_values')).toBe(before);
      const done = await stack.gql(mutation, { inputs }, hub.token);
      expect(done.errors).toBeUndefined();
      expect(done.data.recordKpiValues).toHaveLength(5000);
      expect(await count('kpi_values')).toBe(before + 5000);
      const exact = await rows(
        `SELECT sum(value)::text AS total FROM kpi_values WHERE tenant_id = $1 AND kpi_id = (SELECT id FROM kpi_definitions WHERE key = 'cost' AND org_id = $2)`,
        [spoke, hub.hubId],
      );
      const expected = inputs.filter((row) => row.kpiKey === 'cost').reduce((sum, row) => sum + row.value, 0);
      expect(Number(exact[0].total)).toBe(expected);
    });

    it('refuses values for closed projects and moves values with their project', async () => {
      const closed = (await newProject(northLead, { tenantId: north, code: 'KV-CLOSED', name: 'Closed' })).id;
      await stack.ok(`mutation($id: ID!) { transitionProject(id: $id, to: CANCELLED) { state } }`, { id: closed }, northLead);
      const refused = await record(northLead, { projectId: closed, kpiKey: 'cost', period: '2026-03', value: 1 });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0].message).toMatch(/CANCELLED/);

      const mover = (await newProject(hub.token, { tenantId: northEast, code: 'MV-1', name: 'Mover' })).id;
      await stack.ok(
        `mutation($input: RecordKpiValueInput!) { recordKpiValue(input: $input) { value } }`,
        { input: { projectId: mover, kpiKey: 'cost', period: '2026-04', value: 7 } },
        hub.token,
      );
      expect(codeOf(await stack.gql(`mutation { moveProject(id: "${mover}", tenantId: "${south}") { id } }`, {}, northLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(`mutation { moveProject(id: "${mover}", tenantId: "${other.hubId}") { id } }`, {}, hub.token))).toBe('NOT_FOUND');
      const moved = await stack.ok(`mutation { moveProject(id: "${mover}", tenantId: "${south}") { tenant { id } } }`, {}, hub.token);
      expect(moved.moveProject.tenant.id).toBe(south);
      expect(await rows('SELECT tenant_id FROM kpi_values WHERE project_id = $1', [mover])).toEqual([{ tenant_id: south }]);
      expect((await stack.ok(`query($id: ID!) { project(id: $id) { id } }`, { id: mover }, northLead)).project).toBeNull();
      expect((await stack.ok(`query($id: ID!) { project(id: $id) { id } }`, { id: mover }, southLead)).project.id).toBe(mover);
      await stack.waitForIdle();
      const nodes = await rows(
        `SELECT r.tenant_id, r.value_count::int AS n FROM kpi_rollups r JOIN kpi_definitions d ON d.id = r.kpi_id WHERE d.key = 'cost' AND r.period = '2026-04'`,
      );
      const at = (tenantId: string) => nodes.find((node) => node.tenant_id === tenantId)?.n ?? 0;
      expect([at(northEast), at(north), at(south), at(hub.hubId)]).toEqual([0, 0, 1, 1]);
    });

    it('records values while the project moves back and forth, losing none', async () => {
      const racer = (await newProject(hub.token, { tenantId: north, code: 'RACE-1', name: 'Racer' })).id;
      for (let i = 0; i < 15; i++) {
        const [recorded, moved] = await Promise.all([
          record(hub.token, { projectId: racer, kpiKey: 'cost', period: `2024-${String((i % 12) + 1).padStart(2, '0')}`, value: i }),
          stack.gql(`mutation($id: ID!, $t: ID!) { moveProject(id: $id, tenantId: $t) { id } }`, { id: racer, t: i % 2 ? north : south }, hub.token),
        ]);
        expect(recorded.errors).toBeUndefined();
        expect(moved.errors).toBeUndefined();
      }
      const [{ tenant_id: home }] = await rows('SELECT tenant_id FROM projects WHERE id = $1', [racer]);
      const values = await rows('SELECT DISTINCT tenant_id FROM kpi_values WHERE project_id = $1', [racer]);
      expect(values).toEqual([{ tenant_id: home }]);
      expect(await count(`kpi_values WHERE project_id = '${racer}'`)).toBe(12);
    });
  });

  it('follows a published methodology: phases, gates and milestones due from the start date', async () => {
    const methodology = (
      await stack.ok(
        `mutation($input: CreateMethodologyInput!) { createMethodology(input: $input) { id } }`,
        {
          input: {
            tenantId: hub.hubId,
            name: 'Stage gate',
            phases: [
              { name: 'Initiate', gate: { name: 'G1', deliverables: ['Charter'], approverRole: 'PMO_LEAD' } },
              { name: 'Deliver', gate: { name: 'G2', deliverables: [], approverRole: 'EXECUTIVE' } },
            ],
            milestones: [
              { name: 'Charter signed', phase: 'Initiate', offsetDays: 14 },
              { name: 'Go live', phase: 'Deliver', offsetDays: 60 },
            ],
          },
        },
        hub.token,
      )
    ).createMethodology.id;
    const input = { tenantId: north, code: 'M-1', name: 'Method', methodologyId: methodology };
    expect(codeOf(await createProject(northLead, { ...input, startDate: '2026-01-20' }))).toBe('BAD_USER_INPUT'); // still a draft
    await stack.ok(`mutation($id: ID!) { publishMethodology(id: $id) { id } }`, { id: methodology }, hub.token);
    expect(codeOf(await createProject(northLead, input))).toBe('BAD_USER_INPUT'); // no start date
    const project = await stack.ok(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) {
         currentPhase methodologyVersion phases { position name gate { name deliverables approverRole } } milestones { name phase dueDate } } }`,
      { input: { ...input, startDate: '2026-01-20' } },
      northLead,
    );
    expect(project.createProject).toEqual({
      currentPhase: 'Initiate',
      methodologyVersion: 1,
      phases: [
        { position: 0, name: 'Initiate', gate: { name: 'G1', deliverables: ['Charter'], approverRole: 'PMO_LEAD' } },
        { position: 1, name: 'Deliver', gate: { name: 'G2', deliverables: [], approverRole: 'EXECUTIVE' } },
      ],
      milestones: [
        { name: 'Charter signed', phase: 'Initiate', dueDate: '2026-02-03' },
        { name: 'Go live', phase: 'Deliver', dueDate: '2026-03-21' },
      ],
    });
  });

  it('batches nested fields: the same number of statements for 10 and 100 projects', async () => {
    const statements = async (size: number) => {
      const spoke = await stack.createSpoke(hub.token, hub.hubId, `Loader ${size}`);
      const program = (
        await stack.ok(`mutation($input: CreateProgramInput!) { createProgram(input: $input) { id } }`, { input: { tenantId: spoke, name: 'P' } }, hub.token)
      ).createProgram.id;
      for (let i = 0; i < size; i += 20) {
        await Promise.all(
          Array.from({ length: Math.min(20, size - i) }, (_, j) =>
            newProject(hub.token, { tenantId: spoke, code: `L-${i + j}`, name: 'Loaded', programId: program, managerId: hub.userId }),
          ),
        );
      }
      const result = await stack.gql(
        `query($t: ID!) { projects(tenantId: $t, first: 500) { totalCount edges { node { code tenant { id name } program { id name }
           manager { email } latestStatusReport { overall } milestones { name } phases { name } } } } }`,
        { t: spoke },
        hub.token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.projects.totalCount).toBe(size);
      return (result as GqlResult & { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
    };
    const ten = await statements(10);
    const hundred = await statements(100);
    expect(typeof ten).toBe('number');
    expect(hundred).toBe(ten);
  });
});

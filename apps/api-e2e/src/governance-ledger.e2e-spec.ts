// Governance over GraphQL, the reporting side: obligations derived as of any instant and
// their summary, waivers, a project's compliance, and the decision ledger with evidence
// frozen when recorded. Two organizations and sibling spokes: what a sibling may not see
// answers like something missing, and every refused write leaves the tables as they were.
import { GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;

/** YYYY-MM of an instant, in UTC; `shift` months later. */
const periodAt = (instant: Date, shift = 0) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + shift, 1)).toISOString().slice(0, 7);

const OBLIGATIONS = `query($t: ID!, $p: String!, $s: [ObligationState!], $asOf: DateTime) {
  reportingObligations(tenantId: $t, period: $p, states: $s, asOf: $asOf) { project { id code } period dueAt state fulfilledAt waivedReason } }`;
const SUMMARY = `query($t: ID!, $p: String!, $asOf: DateTime) {
  reportingSummary(tenantId: $t, period: $p, asOf: $asOf) { tenant { id } period expected due late missing fulfilled fulfilledLate waived } }`;
const WAIVE = `mutation($id: ID!, $p: String!, $r: String!) {
  waiveReportingObligation(projectId: $id, period: $p, reason: $r) { project { code } period state waivedReason } }`;
const COMPLIANCE = `query($id: ID!, $p: String!) {
  projectCompliance(projectId: $id, period: $p) { project { code } period score checks { rule met detail } evaluatedAt } }`;
const DECIDE = `mutation($i: RecordDecisionInput!) {
  recordDecision(input: $i) { id kind rationale decidedBy decidedAt project { id state }
    evidence { capturedAt period overall summary compliance kpis { kpiKey period value rag } } } }`;
const LEDGER = `query($t: ID!, $first: Int, $after: String) {
  decisions(tenantId: $t, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind project { code } evidence { period summary kpis { value } } } } } }`;

describe('governance: obligations, compliance and the decision ledger', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let globex: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let south: string;
  let northLead: string;
  let northPm: string;
  let southLead: string;
  let executive: string;
  let executiveId: string;
  const ids: Record<string, string> = {};
  const now = new Date();
  const current = periodAt(now);
  const next = periodAt(now, 1);

  const rows = async (sql: string, params: unknown[] = []) => (await stack.db.query(sql, params)).rows;
  const counts = async () =>
    (
      await rows(`SELECT (SELECT count(*) FROM reporting_waivers)::int AS waivers, (SELECT count(*) FROM portfolio_decisions)::int AS decisions,
                         (SELECT count(*) FROM audit_log)::int AS audit, (SELECT string_agg(state, ',' ORDER BY code) FROM projects) AS states`)
    )[0];
  const newProject = async (token: string, input: Record<string, unknown>) =>
    (await stack.ok(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: input }, token)).createProject.id as string;
  const report = (token: string, projectId: string, period: string, summary = 'On track', overall = 'GREEN') =>
    stack.ok(`mutation($i: SubmitStatusReportInput!) { submitStatusReport(input: $i) { id } }`, { i: { projectId, period, overall, summary } }, token);
  const value = (token: string, projectId: string, period: string, v: number) =>
    stack.ok(`mutation($i: RecordKpiValueInput!) { recordKpiValue(input: $i) { value } }`, { i: { projectId, kpiKey: 'cpi', period, value: v } }, token);
  const obligations = async (token: string, tenantId: string, period: string, extra: Record<string, unknown> = {}) =>
    (await stack.ok(OBLIGATIONS, { t: tenantId, p: period, ...extra }, token)).reportingObligations as Array<{
      project: { code: string };
      state: string;
      fulfilledAt: string | null;
      waivedReason: string | null;
      dueAt: string;
    }>;
  const stateOf = async (token: string, tenantId: string, period: string, code: string, asOf?: string) =>
    (await obligations(token, tenantId, period, asOf ? { asOf } : {})).find((o) => o.project.code === code)?.state;

  beforeAll(async () => {
    stack = await Stack.start();
    acme = await stack.signUp('Acme PMO');
    globex = await stack.signUp('Globex PMO');
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    northLead = await stack.member(acme.token, north, 'PMO_LEAD');
    northPm = await stack.member(acme.token, north, 'PROJECT_MANAGER');
    southLead = await stack.member(acme.token, south, 'PMO_LEAD');
    executive = await stack.member(acme.token, acme.hubId, 'EXECUTIVE');
    executiveId = (await stack.ok('{ me { id } }', {}, executive)).me.id;
    ids.alpha = await newProject(northLead, { tenantId: north, code: 'ALPHA', name: 'Alpha', startDate: '2026-01-01' });
    ids.beta = await newProject(northLead, { tenantId: north, code: 'BETA', name: 'Beta', startDate: `${current}-01` });
    ids.proposed = await newProject(northLead, { tenantId: north, code: 'PROP', name: 'Proposed', state: 'PROPOSED', startDate: '2026-01-01' });
    ids.gamma = await newProject(southLead, { tenantId: south, code: 'GAMMA', name: 'Gamma', startDate: '2026-01-01' });
    ids.globex = await newProject(globex.token, { tenantId: globex.hubId, code: 'GLOBEX', name: 'Globex', startDate: '2026-01-01' });
    const cpi = (
      await stack.ok(
        `mutation($i: CreateKpiDefinitionInput!) { createKpiDefinition(input: $i) { id } }`,
        {
          i: {
            tenantId: acme.hubId,
            key: 'cpi',
            name: 'CPI',
            aggregation: 'AVG',
            direction: 'HIGHER_IS_BETTER',
            greenThreshold: 1,
            amberThreshold: 0.9,
            mandatory: true,
          },
        },
        acme.token,
      )
    ).createKpiDefinition.id;
    await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { id } }`, { id: cpi }, acme.token);
  });

  afterAll(() => stack?.stop());

  describe('reporting obligations', () => {
    it('derives a past period’s state as of any instant: DUE, LATE, MISSING, then FULFILLED_LATE once submitted', async () => {
      await report(northPm, ids.alpha, '2026-01');
      expect(await stateOf(acme.token, acme.hubId, '2026-01', 'ALPHA', '2026-02-05T12:00:00Z')).toBe('DUE');
      expect(await stateOf(acme.token, acme.hubId, '2026-01', 'ALPHA', '2026-02-06T00:00:00Z')).toBe('LATE');
      expect(await stateOf(acme.token, acme.hubId, '2026-01', 'ALPHA', '2026-02-11T00:00:00Z')).toBe('MISSING');
      const [alpha] = (await obligations(acme.token, north, '2026-01')).filter((o) => o.project.code === 'ALPHA');
      expect(alpha).toMatchObject({ state: 'FULFILLED_LATE', dueAt: '2026-02-06T00:00:00.000Z', fulfilledAt: expect.any(String), waivedReason: null });
      expect(await stateOf(acme.token, acme.hubId, '2026-01', 'GAMMA')).toBe('MISSING');
    });

    it('is FULFILLED when submitted before the due time, and owes nothing for a PROPOSED project or before a project starts', async () => {
      await report(northPm, ids.beta, current);
      expect(await stateOf(northLead, north, current, 'BETA')).toBe('FULFILLED');
      expect((await obligations(northLead, north, current)).map((o) => o.project.code)).toEqual(['ALPHA', 'BETA']);
      expect((await obligations(northLead, north, '2026-01')).map((o) => o.project.code)).toEqual(['ALPHA']);
    });

    it('filters by state and sums up a subtree, as of an instant', async () => {
      expect((await obligations(acme.token, acme.hubId, '2026-01', { s: ['MISSING'] })).map((o) => o.project.code)).toEqual(['GAMMA']);
      const summary = (await stack.ok(SUMMARY, { t: acme.hubId, p: '2026-01' }, acme.token)).reportingSummary;
      expect(summary).toEqual({
        tenant: { id: acme.hubId },
        period: '2026-01',
        expected: 2,
        due: 0,
        late: 0,
        missing: 1,
        fulfilled: 0,
        fulfilledLate: 1,
        waived: 0,
      });
      const before = (await stack.ok(SUMMARY, { t: acme.hubId, p: '2026-01', asOf: '2026-02-07T00:00:00Z' }, acme.token)).reportingSummary;
      expect(before).toMatchObject({ expected: 2, late: 2, fulfilledLate: 0 });
    });

    it('shows a sibling spoke and another organization nothing: NOT_FOUND for the tenant, never its projects', async () => {
      expect(codeOf(await stack.gql(OBLIGATIONS, { t: north, p: '2026-01' }, southLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(SUMMARY, { t: acme.hubId, p: '2026-01' }, globex.token))).toBe('NOT_FOUND');
      expect((await obligations(southLead, south, '2026-01')).map((o) => o.project.code)).toEqual(['GAMMA']);
      expect((await obligations(globex.token, globex.hubId, '2026-01')).map((o) => o.project.code)).toEqual(['GLOBEX']);
      expect(codeOf(await stack.gql(OBLIGATIONS, { t: north, p: '2026-13' }, northLead))).toBe('BAD_USER_INPUT');
    });

    it('lets a PMO_LEAD or above waive an obligation with a reason, once, and refuses the rest without writing anything', async () => {
      const before = await counts();
      const refusals: Array<[GqlResult, string, string?]> = [
        [await stack.gql(WAIVE, { id: ids.alpha, p: '2026-02', r: 'Holiday' }, northPm), 'FORBIDDEN'],
        [await stack.gql(WAIVE, { id: ids.gamma, p: '2026-02', r: 'Holiday' }, northLead), 'NOT_FOUND'],
        [await stack.gql(WAIVE, { id: ids.alpha, p: '2026-01', r: 'Holiday' }, northLead), 'BAD_USER_INPUT', 'period'],
        [await stack.gql(WAIVE, { id: ids.alpha, p: '2025-12', r: 'Holiday' }, northLead), 'BAD_USER_INPUT', 'period'],
        [await stack.gql(WAIVE, { id: ids.alpha, p: '2026-13', r: 'Holiday' }, northLead), 'BAD_USER_INPUT', 'period'],
        [await stack.gql(WAIVE, { id: ids.alpha, p: '2026-02', r: '   ' }, northLead), 'BAD_USER_INPUT', 'reason'],
        [await stack.gql(WAIVE, { id: ids.proposed, p: '2026-02', r: 'Holiday' }, northLead), 'BAD_USER_INPUT', 'period'],
      ];
      for (const [result, code, field] of refusals) expect({ code: codeOf(result), field: field ? fieldOf(result) : undefined }).toEqual({ code, field });
      expect(await counts()).toEqual(before);

      const waived = await stack.ok(WAIVE, { id: ids.alpha, p: '2026-02', r: ' Project paused for the audit ' }, northLead);
      expect(waived.waiveReportingObligation).toEqual({
        project: { code: 'ALPHA' },
        period: '2026-02',
        state: 'WAIVED',
        waivedReason: 'Project paused for the audit',
      });
      const again = await stack.gql(WAIVE, { id: ids.alpha, p: '2026-02', r: 'Again' }, acme.token);
      expect([codeOf(again), fieldOf(again)]).toEqual(['CONFLICT', 'period']);
      expect(await stateOf(northLead, north, '2026-02', 'ALPHA')).toBe('WAIVED');
      // As of before the waiver, it was missing.
      expect(await stateOf(northLead, north, '2026-02', 'ALPHA', '2026-03-20T00:00:00Z')).toBe('MISSING');
      const [entry] = await rows(`SELECT entity, action, tenant_id FROM audit_log WHERE entity = 'reporting_waiver'`);
      expect(entry).toEqual({ entity: 'reporting_waiver', action: 'waive', tenant_id: north });
    });
  });

  describe('compliance', () => {
    it('evaluates the applicable checks with a detail per failed one, and their share as the score', async () => {
      await stack.ok(
        `mutation($i: AddMilestoneInput!) { addMilestone(input: $i) { id } }`,
        { i: { projectId: ids.beta, name: 'Kick-off', dueDate: '2026-01-15' } },
        northPm,
      );
      const first = (await stack.ok(COMPLIANCE, { id: ids.beta, p: current }, northLead)).projectCompliance;
      expect(first).toMatchObject({ project: { code: 'BETA' }, period: current, score: 0.5, evaluatedAt: expect.any(String) });
      expect(first.checks).toEqual([
        { rule: 'REPORT_ON_TIME', met: true, detail: null },
        { rule: 'MANDATORY_KPIS_REPORTED', met: false, detail: 'No value for cpi' },
        { rule: 'MILESTONES_ON_TIME', met: false, detail: 'Late milestones: Kick-off' },
        { rule: 'ACTIONS_ON_TIME', met: true, detail: null },
      ]);
      await value(northPm, ids.beta, current, 0.95);
      expect((await stack.ok(COMPLIANCE, { id: ids.beta, p: current }, northLead)).projectCompliance.score).toBe(0.75);
    });

    it('judges a past period by its report’s state', async () => {
      const alpha = (await stack.ok(COMPLIANCE, { id: ids.alpha, p: '2026-01' }, northLead)).projectCompliance;
      expect(alpha.checks.slice(0, 2)).toEqual([
        { rule: 'REPORT_ON_TIME', met: false, detail: 'The report for 2026-01 is FULFILLED_LATE' },
        { rule: 'MANDATORY_KPIS_REPORTED', met: false, detail: 'No value for cpi' },
      ]);
      const waived = (await stack.ok(COMPLIANCE, { id: ids.alpha, p: '2026-02' }, northLead)).projectCompliance;
      expect(waived.checks[0]).toEqual({ rule: 'REPORT_ON_TIME', met: true, detail: null });
    });

    it('answers null for a period owed nothing, a PROPOSED project and a project the caller cannot see', async () => {
      for (const [id, period, token] of [
        [ids.alpha, '2025-12', northLead],
        [ids.proposed, current, northLead],
        [ids.gamma, current, northLead],
        [ids.alpha, current, globex.token],
      ]) {
        expect((await stack.ok(COMPLIANCE, { id, p: period }, token)).projectCompliance).toBeNull();
      }
    });
  });

  describe('the decision ledger', () => {
    let held: { id: string; evidence: Record<string, unknown> };

    it('records a decision by an EXECUTIVE, moves the project and freezes the figures it was made on', async () => {
      await report(northPm, ids.alpha, current, 'Over budget', 'RED');
      await value(northPm, ids.alpha, current, 0.8);
      const decided = (await stack.ok(DECIDE, { i: { projectId: ids.alpha, kind: 'HOLD', rationale: ' Budget overrun of 30% ' } }, executive)).recordDecision;
      expect(decided).toMatchObject({ kind: 'HOLD', rationale: 'Budget overrun of 30%', decidedBy: executiveId, project: { id: ids.alpha, state: 'ON_HOLD' } });
      expect(decided.evidence).toEqual({
        capturedAt: expect.any(String),
        period: current,
        overall: 'RED',
        summary: 'Over budget',
        compliance: 1,
        kpis: [{ kpiKey: 'cpi', period: current, value: 0.8, rag: 'RED' }],
      });
      held = decided;
    });

    it('never changes a decision’s evidence, whatever happens to the figures afterwards', async () => {
      await report(northPm, ids.alpha, current, 'Recovered', 'GREEN');
      await value(northPm, ids.alpha, current, 1.2);
      const [node] = (
        await stack.ok(
          `query($id: ID!) { project(id: $id) { decisions { id evidence { overall summary compliance kpis { value rag } } } } }`,
          { id: ids.alpha },
          northLead,
        )
      ).project.decisions;
      expect(node).toEqual({ id: held.id, evidence: { overall: 'RED', summary: 'Over budget', compliance: 1, kpis: [{ value: 0.8, rag: 'RED' }] } });
    });

    it('refuses a decision by anyone but an EXECUTIVE or ORG_ADMIN, with an empty rationale or an impossible move, writing nothing', async () => {
      const before = await counts();
      const refusals: Array<[GqlResult, string, string?]> = [
        [await stack.gql(DECIDE, { i: { projectId: ids.beta, kind: 'HOLD', rationale: 'x' } }, northLead), 'FORBIDDEN'],
        [await stack.gql(DECIDE, { i: { projectId: ids.beta, kind: 'HOLD', rationale: 'x' } }, southLead), 'NOT_FOUND'],
        [await stack.gql(DECIDE, { i: { projectId: ids.beta, kind: 'HOLD', rationale: 'x' } }, globex.token), 'NOT_FOUND'],
        [await stack.gql(DECIDE, { i: { projectId: ids.beta, kind: 'HOLD', rationale: ' ' } }, executive), 'BAD_USER_INPUT', 'rationale'],
        [await stack.gql(DECIDE, { i: { projectId: ids.proposed, kind: 'HOLD', rationale: 'x' } }, executive), 'BAD_USER_INPUT', 'kind'],
      ];
      for (const [result, code, field] of refusals) expect({ code: codeOf(result), field: field ? fieldOf(result) : undefined }).toEqual({ code, field });
      expect(await counts()).toEqual(before);
    });

    it('resumes and cancels; a cancelled project owes its decision’s month and nothing after', async () => {
      expect((await stack.ok(DECIDE, { i: { projectId: ids.alpha, kind: 'CONTINUE', rationale: 'Recovered' } }, executive)).recordDecision.project.state).toBe(
        'ACTIVE',
      );
      expect(
        (await stack.ok(DECIDE, { i: { projectId: ids.beta, kind: 'RESCOPE', rationale: 'Smaller scope' } }, acme.token)).recordDecision.project.state,
      ).toBe('ACTIVE');
      expect(
        (await stack.ok(DECIDE, { i: { projectId: ids.beta, kind: 'CANCEL', rationale: 'No longer needed' } }, executive)).recordDecision.project.state,
      ).toBe('CANCELLED');
      expect((await obligations(northLead, north, current)).map((o) => o.project.code)).toEqual(['ALPHA', 'BETA']);
      expect((await obligations(northLead, north, next)).map((o) => o.project.code)).toEqual(['ALPHA']);
      const closed = await stack.gql(DECIDE, { i: { projectId: ids.beta, kind: 'CONTINUE', rationale: 'Back' } }, executive);
      expect([codeOf(closed), fieldOf(closed)]).toEqual(['BAD_USER_INPUT', 'projectId']);
      const audit = await rows(`SELECT action FROM audit_log WHERE entity = 'project' AND entity_id = $1 AND action = 'transition'`, [ids.beta]);
      expect(audit).toEqual([{ action: 'transition' }]);
    });

    it('pages a subtree’s ledger newest first, and shows a sibling or another organization none of it', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const ledger: { totalCount: number; edges: Array<{ node: { kind: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } = (
          await stack.ok(LEDGER, { t: acme.hubId, first: 2, after }, acme.token)
        ).decisions;
        expect(ledger.totalCount).toBe(4);
        seen.push(...ledger.edges.map((edge) => edge.node.kind));
        if (!ledger.pageInfo.hasNextPage) break;
        after = ledger.pageInfo.endCursor;
      }
      expect(seen).toEqual(['CANCEL', 'RESCOPE', 'CONTINUE', 'HOLD']);
      expect((await stack.ok(LEDGER, { t: south }, southLead)).decisions.totalCount).toBe(0);
      expect(codeOf(await stack.gql(LEDGER, { t: north }, southLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(LEDGER, { t: acme.hubId }, globex.token))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(LEDGER, { t: acme.hubId, after: 'garbage' }, acme.token))).toBe('BAD_USER_INPUT');
    });
  });

  it('answers a subtree’s obligations, summary and nested fields in the same few statements for 10 and 200 projects', async () => {
    const statements = async (size: number) => {
      const spoke = await stack.createSpoke(acme.token, acme.hubId, `Load ${size}`);
      // Seeded as the owner: the statements counted are the reads.
      await stack.db.query(
        `INSERT INTO projects (id, org_id, tenant_id, code, name, start_date)
         SELECT gen_random_uuid(), $2, $1, 'S-' || i, 'Seeded', '2026-01-01' FROM generate_series(1, $3) i`,
        [spoke, acme.hubId, size],
      );
      await stack.db.query(
        `INSERT INTO status_reports (id, project_id, tenant_id, org_id, period, overall, summary, submitted_at)
         SELECT gen_random_uuid(), id, tenant_id, org_id, '2026-01', 'GREEN', 'Fine', '2026-02-03T00:00:00Z'
           FROM projects WHERE tenant_id = $1 AND right(code, 1) IN ('1', '3', '5', '7', '9')`,
        [spoke],
      );
      const result = await stack.gql(
        `query($t: ID!) {
           reportingObligations(tenantId: $t, period: "2026-01") { state project { code tenant { name } gateReviews { id } decisions { id } } }
           reportingSummary(tenantId: $t, period: "2026-01") { expected fulfilled missing } }`,
        { t: spoke },
        acme.token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.reportingSummary).toEqual({ expected: size, fulfilled: size / 2, missing: size / 2 });
      expect(result.data.reportingObligations).toHaveLength(size);
      return (result as GqlResult & { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
    };
    const few = await statements(10);
    const many = await statements(200);
    expect(typeof few).toBe('number');
    expect(many).toBe(few);
  });

  it('extends the standards’ types: a cadence’s grace days and a gate’s quorum, by default', async () => {
    const created = await stack.ok(
      `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { cadence { dueDay graceDays } phases { gate { quorum } } } }`,
      { i: { tenantId: acme.hubId, name: 'Stage gate', phases: [{ name: 'Run', gate: { name: 'G1', deliverables: [], approverRole: 'PMO_LEAD' } }] } },
      acme.token,
    );
    expect(created.createMethodology).toEqual({ cadence: { dueDay: 5, graceDays: 5 }, phases: [{ gate: { quorum: 1 } }] });
  });
});

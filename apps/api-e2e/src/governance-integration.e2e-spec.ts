// Governance wired into the rest of the product: the built-in compliance KPI that only the
// system records, its scores carried to the hub by the rollup engine after any input
// changes (a fast-check property against a brute-force recomputation), a cadence's grace
// days and a gate's quorum stored by the standards, and updateProject unable to skip a gate.
import fc from 'fast-check';
import { GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;
const closeTo = (actual: number, expected: number) => Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

/** YYYY-MM of an instant, in UTC; `shift` months later. */
const periodAt = (instant: Date, shift = 0) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + shift, 1)).toISOString().slice(0, 7);

const COMPLIANCE = `query($id: ID!, $p: String!) { projectCompliance(projectId: $id, period: $p) { score checks { rule met } } }`;
const ROLLUP = `query($t: ID!, $p: String!) { kpiRollup(tenantId: $t, kpiKey: "compliance", period: $p) { value projectCount } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { currentPhase } }`;

describe('governance integrated: the compliance KPI, its rollup, cadences, quorums and gates', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let south: string;
  let northLead: string;
  let southLead: string;
  let hubLead: string;
  const now = new Date();
  const current = periodAt(now);
  const past = periodAt(now, -2);

  const newProject = async (token: string, input: Record<string, unknown>) =>
    (await stack.ok(`mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`, { i: input }, token)).createProject.id as string;
  const report = (token: string, projectId: string, period: string) =>
    stack.ok(
      `mutation($i: SubmitStatusReportInput!) { submitStatusReport(input: $i) { id } }`,
      { i: { projectId, period, overall: 'GREEN', summary: 'On track' } },
      token,
    );
  const storedScore = async (projectId: string, period: string): Promise<number | null> => {
    const { rows } = await stack.db.query(
      `SELECT v.value::float8 AS value FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
        WHERE v.project_id = $1 AND v.period = $2 AND d.key = 'compliance' AND d.built_in`,
      [projectId, period],
    );
    return rows[0]?.value ?? null;
  };
  const score = async (token: string, projectId: string, period: string) =>
    (await stack.ok(COMPLIANCE, { id: projectId, p: period }, token)).projectCompliance as { score: number; checks: Array<{ rule: string; met: boolean }> };

  beforeAll(async () => {
    // Info logs: the consumers of governance's events say what they consumed.
    stack = await Stack.start({ env: { LOG_LEVEL: 'info' } });
    acme = await stack.signUp('Acme PMO');
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    northLead = await stack.member(acme.token, north, 'PMO_LEAD');
    southLead = await stack.member(acme.token, south, 'PMO_LEAD');
    hubLead = await stack.member(acme.token, acme.hubId, 'PMO_LEAD');
  });

  afterAll(() => stack?.stop());

  describe('the built-in compliance KPI', () => {
    let kpiId: string;

    it('exists for every organization from sign-up: published, AVG, higher is better, built in', async () => {
      const kpis = (await stack.ok(`query($t: ID!) { kpiDefinitions(tenantId: $t) { id key aggregation direction status builtIn } }`, { t: north }, northLead))
        .kpiDefinitions as Array<{ id: string; key: string }>;
      const compliance = kpis.find((kpi) => kpi.key === 'compliance');
      expect(compliance).toMatchObject({ aggregation: 'AVG', direction: 'HIGHER_IS_BETTER', status: 'PUBLISHED', builtIn: true });
      kpiId = (compliance as { id: string }).id;
    });

    it('cannot be edited, retired, recreated or recorded by hand, and nothing is written', async () => {
      const projectId = await newProject(northLead, { tenantId: north, code: 'HAND', name: 'By hand', startDate: '2026-01-01' });
      const audit = async () => (await stack.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      const before = await audit();
      const refusals: Array<[GqlResult, string, string]> = [
        [
          await stack.gql(`mutation($i: UpdateKpiDefinitionInput!) { updateKpiDefinition(input: $i) { id } }`, { i: { id: kpiId, name: 'Mine' } }, acme.token),
          'BAD_USER_INPUT',
          'id',
        ],
        [await stack.gql(`mutation($id: ID!) { retireKpiDefinition(id: $id) { id } }`, { id: kpiId }, acme.token), 'BAD_USER_INPUT', 'id'],
        [
          await stack.gql(
            `mutation($i: CreateKpiDefinitionInput!) { createKpiDefinition(input: $i) { id } }`,
            { i: { tenantId: north, key: 'compliance', name: 'Mine', aggregation: 'AVG', direction: 'HIGHER_IS_BETTER' } },
            northLead,
          ),
          'CONFLICT',
          'key',
        ],
        [
          await stack.gql(
            `mutation($i: RecordKpiValueInput!) { recordKpiValue(input: $i) { value } }`,
            { i: { projectId, kpiKey: 'compliance', period: past, value: 1 } },
            northLead,
          ),
          'BAD_USER_INPUT',
          'kpiKey',
        ],
        [
          await stack.gql(
            `mutation($p: ID!, $period: String!) { deleteKpiValue(projectId: $p, kpiKey: "compliance", period: $period) }`,
            { p: projectId, period: past },
            northLead,
          ),
          'BAD_USER_INPUT',
          'kpiKey',
        ],
      ];
      for (const [result, code, field] of refusals) expect([codeOf(result), fieldOf(result)]).toEqual([code, field]);
      const batch = await stack.gql(
        `mutation($i: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $i) { value } }`,
        { i: [{ projectId, kpiKey: 'compliance', period: past, value: 1 }] },
        northLead,
      );
      expect(codeOf(batch)).toBe('BAD_USER_INPUT');
      expect(await audit()).toBe(before);
      await stack.waitForIdle();
      expect(await storedScore(projectId, past)).toBeNull();
    });
  });

  describe('the compliance feed', () => {
    it('scores a late report and a waiver as soon as they land, and the hub’s rollup is the mean of the projects’ scores', async () => {
      const late = await newProject(northLead, { tenantId: north, code: 'LATE', name: 'Late', startDate: '2026-01-01' });
      const waived = await newProject(southLead, { tenantId: south, code: 'WAIVED', name: 'Waived', startDate: '2026-01-01' });
      await report(northLead, late, past);
      await stack.ok(
        `mutation($id: ID!, $p: String!) { waiveReportingObligation(projectId: $id, period: $p, reason: "Audit month") { state } }`,
        { id: waived, p: past },
        southLead,
      );
      await stack.waitForIdle();

      const lateScore = await score(northLead, late, past);
      expect(lateScore.checks.find((check) => check.rule === 'REPORT_ON_TIME')?.met).toBe(false);
      const waivedScore = await score(southLead, waived, past);
      expect(waivedScore.checks.find((check) => check.rule === 'REPORT_ON_TIME')?.met).toBe(true);
      expect(await storedScore(late, past)).toBeCloseTo(lateScore.score, 12);
      expect(await storedScore(waived, past)).toBeCloseTo(waivedScore.score, 12);
      expect(lateScore.score).toBeLessThan(waivedScore.score);

      const hub = (await stack.ok(ROLLUP, { t: acme.hubId, p: past }, acme.token)).kpiRollup;
      expect(hub.projectCount).toBe(2);
      // The hub's compliance took a colour: an event, written with the rollup and consumed.
      const hubRag = (
        await stack.ok(
          `query($t: ID!, $p: String!) { kpiRollup(tenantId: $t, kpiKey: "compliance", period: $p) { rag } }`,
          { t: acme.hubId, p: past },
          acme.token,
        )
      ).kpiRollup.rag;
      expect(stack.logs()).toContain(`compliance of tenant ${acme.hubId} in ${past}: none → ${hubRag}`);
      expect(closeTo(hub.value, (lateScore.score + waivedScore.score) / 2)).toBe(true);
      expect(closeTo((await stack.ok(ROLLUP, { t: north, p: past }, northLead)).kpiRollup.value, lateScore.score)).toBe(true);

      // An overdue milestone of the late project lowers its score again, and the hub follows.
      await stack.ok(
        `mutation($i: AddMilestoneInput!) { addMilestone(input: $i) { id } }`,
        { i: { projectId: late, name: 'Design signed off', dueDate: `${past}-02` } },
        northLead,
      );
      await stack.waitForIdle();
      const lower = await score(northLead, late, past);
      expect(lower.score).toBeLessThan(lateScore.score);
      expect(await storedScore(late, past)).toBeCloseTo(lower.score, 12);
      expect(closeTo((await stack.ok(ROLLUP, { t: acme.hubId, p: past }, acme.token)).kpiRollup.value, (lower.score + waivedScore.score) / 2)).toBe(true);
    });

    it('evaluates every change a tenant queued in one job: the writes’ jobs are one, and each project is scored', async () => {
      // No worker while the changes land: what the queue holds is what the writes asked for.
      // A period older than the daily re-evaluation's, so only the changes' job scores it.
      const old = periodAt(now, -5);
      const quiet = await Stack.start({ noWorker: true });
      try {
        const org = await quiet.signUp('Quiet PMO');
        const spoke = await quiet.createSpoke(org.token, org.hubId, 'East');
        const lead = await quiet.member(org.token, spoke, 'PMO_LEAD');
        const projects: string[] = [];
        for (let i = 0; i < 6; i++) {
          const created = await quiet.ok(
            `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
            { i: { tenantId: spoke, code: `Q${i}`, name: `Quiet ${i}`, startDate: '2026-01-01' } },
            lead,
          );
          projects.push(created.createProject.id);
        }
        for (const projectId of projects) {
          await quiet.ok(
            `mutation($i: SubmitStatusReportInput!) { submitStatusReport(input: $i) { id } }`,
            { i: { projectId, period: old, overall: 'GREEN', summary: 'On track' } },
            lead,
          );
        }
        const { rows } = await quiet.db.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'compliance.evaluate' AND tenant_id = $1`, [spoke]);
        expect(rows[0].n).toBeGreaterThanOrEqual(projects.length);
        const queued = await quiet.withQueue('events', async (queue) =>
          (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((job) => job.name === 'compliance.evaluate'),
        );
        expect(queued.filter((job) => job.data.tenantId === spoke).map((job) => job.data.projectIds)).toHaveLength(1);

        quiet.spawnWorker();
        await quiet.waitForIdle();
        const scored = await quiet.db.query(
          `SELECT count(*)::int AS n FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
            WHERE v.project_id = ANY($1) AND v.period = $2 AND d.key = 'compliance' AND d.built_in`,
          [projects, old],
        );
        expect(scored.rows[0].n).toBe(projects.length);
      } finally {
        await quiet.stop();
      }
    });

    it('keeps the stored rollup at every node equal to the mean of its projects’ recomputed scores, whatever the inputs', async () => {
      const periods = [periodAt(now, -3), periodAt(now, -1), current];
      const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
      const op = fc.oneof(
        fc.record({ kind: fc.constant('report' as const), project: fc.nat(5), period: fc.nat(2) }),
        fc.record({ kind: fc.constant('value' as const), project: fc.nat(5), period: fc.nat(2), value: fc.integer({ min: 0, max: 100 }) }),
        fc.record({ kind: fc.constant('milestone' as const), project: fc.nat(5), period: fc.nat(2), day, done: fc.option(fc.nat(2)) }),
        fc.record({ kind: fc.constant('action' as const), project: fc.nat(5), period: fc.nat(2), day, done: fc.boolean() }),
        fc.record({ kind: fc.constant('waive' as const), project: fc.nat(5), period: fc.nat(2) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }), fc.array(op, { minLength: 5, maxLength: 25 }), async (placement, ops) => {
          const org = await stack.signUp();
          const spokes = [org.hubId, await stack.createSpoke(org.token, org.hubId, 'East'), await stack.createSpoke(org.token, org.hubId, 'West')];
          const lead = await stack.member(org.token, org.hubId, 'PMO_LEAD');
          const leadId = (await stack.ok('{ me { id } }', {}, lead)).me.id;
          const nps = (
            await stack.ok(
              `mutation($i: CreateKpiDefinitionInput!) { createKpiDefinition(input: $i) { id } }`,
              { i: { tenantId: org.hubId, key: 'nps', name: 'NPS', aggregation: 'AVG', direction: 'HIGHER_IS_BETTER', mandatory: true } },
              org.token,
            )
          ).createKpiDefinition.id;
          await stack.ok(`mutation($id: ID!) { publishKpiDefinition(id: $id) { id } }`, { id: nps }, org.token);
          const projects: string[] = [];
          for (const [i, tenant] of placement.entries()) {
            projects.push(await newProject(org.token, { tenantId: spokes[tenant], code: `P${i}`, name: `Project ${i}`, startDate: `${periods[0]}-01` }));
          }
          // Every project has a score in every period: one value each, then the random inputs.
          await stack.ok(
            `mutation($i: [RecordKpiValueInput!]!) { recordKpiValues(inputs: $i) { value } }`,
            { i: projects.flatMap((projectId) => periods.map((period) => ({ projectId, kpiKey: 'nps', period, value: 50 }))) },
            org.token,
          );
          const review: Record<number, string> = {};
          const findingOf = async (project: number): Promise<string> => {
            if (!review[project]) {
              const planned = await stack.ok(
                `mutation($i: PlanReviewInput!) { planReview(input: $i) { id } }`,
                { i: { projectId: projects[project], kind: 'HEALTH_CHECK', plannedFor: `${current}-01`, leadId } },
                org.token,
              );
              const finding = await stack.ok(
                `mutation($i: AddFindingInput!) { addFinding(input: $i) { id } }`,
                { i: { reviewId: planned.planReview.id, severity: 'MEDIUM', title: 'Risk log stale' } },
                lead,
              );
              review[project] = finding.addFinding.id;
            }
            return review[project];
          };
          for (const o of ops) {
            const projectId = projects[o.project];
            const period = periods[o.period];
            if (o.kind === 'report') await report(org.token, projectId, period);
            else if (o.kind === 'value') {
              await stack.ok(
                `mutation($i: RecordKpiValueInput!) { recordKpiValue(input: $i) { value } }`,
                { i: { projectId, kpiKey: 'nps', period, value: o.value } },
                org.token,
              );
            } else if (o.kind === 'milestone') {
              const id = (
                await stack.ok(
                  `mutation($i: AddMilestoneInput!) { addMilestone(input: $i) { id } }`,
                  { i: { projectId, name: 'Checkpoint', dueDate: `${period}-${o.day}` } },
                  org.token,
                )
              ).addMilestone.id;
              if (o.done !== null) {
                const completedOn = `${periods[Math.max(o.period, o.done)]}-${o.day}`;
                if (completedOn <= now.toISOString().slice(0, 10)) {
                  await stack.ok(
                    `mutation($id: ID!, $on: String!) { completeMilestone(id: $id, completedOn: $on) { id } }`,
                    { id, on: completedOn },
                    org.token,
                  );
                }
              }
            } else if (o.kind === 'action') {
              const action = await stack.ok(
                `mutation($i: AddCorrectiveActionInput!) { addCorrectiveAction(input: $i) { id } }`,
                { i: { findingId: await findingOf(o.project), description: 'Refresh the risk log', dueDate: `${period}-${o.day}` } },
                lead,
              );
              if (o.done) await stack.ok(`mutation($id: ID!) { completeCorrectiveAction(id: $id) { id } }`, { id: action.addCorrectiveAction.id }, org.token);
            } else {
              // Refused (CONFLICT or BAD_USER_INPUT) once reported or waived: nothing changes then.
              await stack.gql(
                `mutation($id: ID!, $p: String!) { waiveReportingObligation(projectId: $id, period: $p, reason: "Agreed") { state } }`,
                { id: projectId, p: period },
                org.token,
              );
            }
          }
          await stack.waitForIdle(60000);

          for (const period of periods) {
            const scores = new Map<string, number>();
            for (const projectId of projects) {
              const recomputed = (await score(org.token, projectId, period)).score;
              expect(await storedScore(projectId, period)).toBeCloseTo(recomputed, 12);
              scores.set(projectId, recomputed);
            }
            for (const [t, tenant] of spokes.entries()) {
              const inSubtree = projects.filter((_, i) => t === 0 || placement[i] === t).map((projectId) => scores.get(projectId) as number);
              if (!inSubtree.length) continue;
              const stored = (await stack.ok(ROLLUP, { t: tenant, p: period }, org.token)).kpiRollup;
              expect(stored.projectCount).toBe(inSubtree.length);
              expect(closeTo(stored.value, inSubtree.reduce((sum, s) => sum + s, 0) / inSubtree.length)).toBe(true);
            }
          }
        }),
        { numRuns: 4 },
      );
    });
  });

  describe('standards: grace days and quorums', () => {
    it('stores a cadence’s graceDays and a gate’s quorum, and defaults a gate’s name, approver and quorum', async () => {
      const created = await stack.ok(
        `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) {
           id cadence { dueDay graceDays } phases { name gate { name approverRole quorum deliverables } } } }`,
        {
          i: {
            tenantId: acme.hubId,
            name: 'Two-vote gates',
            phases: [
              { name: 'Initiation', gate: { name: 'G1', deliverables: ['Charter'], approverRole: 'EXECUTIVE', quorum: 2 } },
              { name: 'Delivery', gate: {} },
            ],
            cadence: { dueDay: 10, graceDays: 3 },
          },
        },
        acme.token,
      );
      expect(created.createMethodology).toMatchObject({
        cadence: { dueDay: 10, graceDays: 3 },
        phases: [
          { name: 'Initiation', gate: { name: 'G1', approverRole: 'EXECUTIVE', quorum: 2, deliverables: ['Charter'] } },
          { name: 'Delivery', gate: { name: 'Delivery', approverRole: 'PMO_LEAD', quorum: 1, deliverables: [] } },
        ],
      });
      const id = created.createMethodology.id;
      await stack.ok(`mutation($id: ID!) { publishMethodology(id: $id) { id } }`, { id }, acme.token);
      const versions = await stack.ok(
        `query($id: ID!) { methodology(id: $id) { versions { cadence { graceDays } phases { gate { quorum } } } } }`,
        { id },
        acme.token,
      );
      expect(versions.methodology.versions).toEqual([{ cadence: { graceDays: 3 }, phases: [{ gate: { quorum: 2 } }, { gate: { quorum: 1 } }] }]);
      const defaults = await stack.ok(
        `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { cadence { dueDay graceDays } } }`,
        { i: { tenantId: acme.hubId, name: 'Defaults', phases: [{ name: 'Only', gate: { deliverables: [] } }] } },
        acme.token,
      );
      expect(defaults.createMethodology.cadence).toEqual({ dueDay: 5, graceDays: 5 });
      for (const [input, field] of [
        [{ phases: [{ name: 'P', gate: { quorum: 0 } }] }, 'phases.gate.quorum'],
        [{ phases: [{ name: 'P', gate: {} }], cadence: { graceDays: 29 } }, 'cadence.graceDays'],
      ] as const) {
        const refused = await stack.gql(
          `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id } }`,
          { i: { tenantId: acme.hubId, name: 'Bad', ...input } },
          acme.token,
        );
        expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', field]);
      }
    });
  });

  describe('updateProject and gates', () => {
    it('moves a project forward only past gates a review approved; moving back is free', async () => {
      const methodology = (
        await stack.ok(
          `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id } }`,
          {
            i: {
              tenantId: acme.hubId,
              name: 'Three phases',
              phases: [
                { name: 'Initiation', gate: { name: 'G1', deliverables: [] } },
                { name: 'Planning', gate: { name: 'G2', deliverables: [] } },
                { name: 'Delivery', gate: { name: 'G3', deliverables: [] } },
              ],
            },
          },
          acme.token,
        )
      ).createMethodology.id;
      await stack.ok(`mutation($id: ID!) { publishMethodology(id: $id) { id } }`, { id: methodology }, acme.token);
      const projectId = await newProject(northLead, { tenantId: north, code: 'GATED', name: 'Gated', methodologyId: methodology, startDate: '2026-01-01' });

      for (const phase of ['Planning', 'Delivery']) {
        const skipped = await stack.gql(UPDATE_PROJECT, { id: projectId, i: { currentPhase: phase } }, northLead);
        expect([codeOf(skipped), fieldOf(skipped)]).toEqual(['BAD_USER_INPUT', 'currentPhase']);
      }
      const review = await stack.ok(
        `mutation($i: SubmitGateReviewInput!) { submitGateReview(input: $i) { id } }`,
        { i: { projectId, criteria: [] } },
        northLead,
      );
      const decided = await stack.ok(
        `mutation($i: VoteOnGateReviewInput!) { voteOnGateReview(input: $i) { state project { currentPhase } } }`,
        { i: { reviewId: review.submitGateReview.id, decision: 'APPROVE' } },
        hubLead,
      );
      expect(decided.voteOnGateReview).toEqual({ state: 'APPROVED', project: { currentPhase: 'Planning' } });
      const skipped = await stack.gql(UPDATE_PROJECT, { id: projectId, i: { currentPhase: 'Delivery' } }, northLead);
      expect([codeOf(skipped), fieldOf(skipped)]).toEqual(['BAD_USER_INPUT', 'currentPhase']);
      expect((await stack.ok(UPDATE_PROJECT, { id: projectId, i: { currentPhase: 'Initiation' } }, northLead)).updateProject).toEqual({
        currentPhase: 'Initiation',
      });
      expect((await stack.ok(UPDATE_PROJECT, { id: projectId, i: { currentPhase: 'Planning' } }, northLead)).updateProject).toEqual({
        currentPhase: 'Planning',
      });

      // The decided review is an event in the outbox of its transaction, consumed by the worker.
      await stack.waitForIdle();
      expect((await stack.db.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);
    });
  });

  describe('the daily re-evaluation', () => {
    it('scores what no input changed (a report that went missing) for every organization, and the hub follows', async () => {
      const idle = await newProject(northLead, { tenantId: north, code: 'IDLE', name: 'Idle', startDate: '2026-01-01' });
      const previous = periodAt(now, -1);
      await stack.waitForIdle();
      expect(await storedScore(idle, previous)).toBeNull();
      await stack.withQueue('maintenance', (queue) => queue.add('compliance.daily', {}));
      for (let i = 0; i < 400 && (await storedScore(idle, previous)) === null; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      await stack.waitForIdle();
      const expected = await score(northLead, idle, previous);
      expect(expected.checks.find((check) => check.rule === 'REPORT_ON_TIME')?.met).toBe(false);
      expect(await storedScore(idle, previous)).toBeCloseTo(expected.score, 12);
      const { rows } = await stack.db.query(
        `SELECT count(*)::int AS n FROM projects p
          WHERE p.org_id = $1 AND p.state = 'ACTIVE'
            AND NOT EXISTS (SELECT 1 FROM kpi_values v JOIN kpi_definitions d ON d.id = v.kpi_id
                             WHERE v.project_id = p.id AND v.period = $2 AND d.built_in)`,
        [acme.hubId, previous],
      );
      expect(rows[0].n).toBe(0);
      expect((await stack.ok(ROLLUP, { t: acme.hubId, p: previous }, acme.token)).kpiRollup.projectCount).toBeGreaterThanOrEqual(1);
    });
  });
});

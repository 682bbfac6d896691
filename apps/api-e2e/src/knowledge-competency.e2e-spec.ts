// Project manager competency over GraphQL: certifications, training and mentorships kept
// by a PMO for the people of its subtree, levels and profiles, competency rules inherited
// down the tree and only ever raised, and governance applying them: a manager below the
// rule at project creation, at a tier raise or a manager change, and a gate voter below
// the gate's level are refused. The daily job announces expiring certifications once.
import { randomBytes } from 'node:crypto';
import { GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;
const messageOf = (result: GqlResult) => result.errors?.[0]?.message ?? '';

const CERTIFICATION = 'id userId name level issuedOn expiresOn valid';
const RECORD = `mutation($i: RecordCertificationInput!) { recordCertification(input: $i) { ${CERTIFICATION} } }`;
const TRAIN = `mutation($i: RecordTrainingInput!) { recordTraining(input: $i) { id userId course completedOn hours } }`;
const MENTORSHIP = 'id mentorId menteeId goals startedOn endedOn checkIns { at notes }';
const START = `mutation($i: StartMentorshipInput!) { startMentorship(input: $i) { ${MENTORSHIP} } }`;
const CHECK_IN = `mutation($id: ID!, $n: String!) { logMentoringCheckIn(mentorshipId: $id, notes: $n) { ${MENTORSHIP} } }`;
const END = `mutation($id: ID!) { endMentorship(id: $id) { ${MENTORSHIP} } }`;
const SET_RULE = `mutation($i: SetCompetencyRuleInput!) { setCompetencyRule(input: $i) { tenant { id name } tier minManagerLevel } }`;
const RULES = `query($t: ID!) { competencyRules(tenantId: $t) { tenant { name } tier minManagerLevel } }`;
const PROFILES = `query($t: ID!) { pmProfiles(tenantId: $t) {
  userId email level activeProjects certifications { ${CERTIFICATION} } training { course hours } mentorships { ${MENTORSHIP} } } }`;
const CREATE_PROJECT = `mutation($i: CreateProjectInput!) { createProject(input: $i) { id tier managerId } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id tier managerId } }`;

const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);

describe('knowledge: project manager competency', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let globex: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let northEast: string;
  let south: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  /** A certification valid through today: the expiry notice announces it too. */
  let lastDay: { id: string; userId: string; expiresOn: string };

  const person = async (name: string, tenantId: string, role: string) => {
    token[name] = await stack.member(acme.token, tenantId, role);
    id[name] = (await stack.ok('{ me { id } }', {}, token[name])).me.id;
  };
  const count = async (table: string) => Number((await stack.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const certify = async (who: string, level: number, by = acme.token, tenantId = acme.hubId, dates: { issuedOn?: string; expiresOn?: string | null } = {}) =>
    (
      await stack.ok(
        RECORD,
        { i: { tenantId, userId: id[who], name: `PM level ${level}`, level, issuedOn: dates.issuedOn ?? isoDate(-30), expiresOn: dates.expiresOn ?? null } },
        by,
      )
    ).recordCertification;

  beforeAll(async () => {
    stack = await Stack.start({ env: { LOG_LEVEL: 'info' } });
    acme = await stack.signUp('Acme PMO');
    globex = await stack.signUp('Globex PMO');
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    northEast = await stack.createSpoke(acme.token, north, 'North East');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    await person('hubLead', acme.hubId, 'PMO_LEAD');
    await person('hubLowLead', acme.hubId, 'PMO_LEAD');
    await person('northLead', north, 'PMO_LEAD');
    await person('neLead', northEast, 'PMO_LEAD');
    await person('senior', north, 'PROJECT_MANAGER');
    await person('junior', northEast, 'PROJECT_MANAGER');
    await person('southLead', south, 'PMO_LEAD');
    await person('southPm', south, 'PROJECT_MANAGER');
  });

  afterAll(() => stack?.stop());

  describe('records', () => {
    it('refuses bad input with BAD_USER_INPUT naming the field, and records nothing', async () => {
      const base = { tenantId: north, userId: id.senior, name: 'PMP', level: 3, issuedOn: '2026-01-10' };
      const attempts: Array<[Promise<GqlResult>, string]> = [
        [stack.gql(RECORD, { i: { ...base, level: 0 } }, token.northLead), 'level'],
        [stack.gql(RECORD, { i: { ...base, level: 6 } }, token.northLead), 'level'],
        [stack.gql(RECORD, { i: { ...base, expiresOn: '2026-01-09' } }, token.northLead), 'expiresOn'],
        [stack.gql(RECORD, { i: { ...base, issuedOn: '2026-02-30' } }, token.northLead), 'issuedOn'],
        [stack.gql(RECORD, { i: { ...base, name: '  ' } }, token.northLead), 'name'],
        [stack.gql(RECORD, { i: { ...base, name: 'x'.repeat(201) } }, token.northLead), 'name'],
        [stack.gql(TRAIN, { i: { tenantId: north, userId: id.senior, course: 'Risk', completedOn: '2026-01-10', hours: 0 } }, token.northLead), 'hours'],
        [stack.gql(TRAIN, { i: { tenantId: north, userId: id.senior, course: 'Risk', completedOn: '2026-01-10', hours: 168.5 } }, token.northLead), 'hours'],
        [stack.gql(START, { i: { tenantId: north, mentorId: id.senior, menteeId: id.senior, goals: 'Grow' } }, token.northLead), 'menteeId'],
        [stack.gql(START, { i: { tenantId: north, mentorId: id.senior, menteeId: id.junior, goals: '' } }, token.northLead), 'goals'],
        [stack.gql(SET_RULE, { i: { tenantId: north, tier: 4, minManagerLevel: 2 } }, token.northLead), 'tier'],
        [stack.gql(SET_RULE, { i: { tenantId: north, tier: 1, minManagerLevel: 6 } }, token.northLead), 'minManagerLevel'],
        [stack.gql(CREATE_PROJECT, { i: { tenantId: north, code: 'T0', name: 'Tier 0', tier: 0 } }, token.northLead), 'tier'],
      ];
      for (const [attempt, field] of attempts) {
        const result = await attempt;
        expect([codeOf(result), fieldOf(result), messageOf(result)]).toEqual(['BAD_USER_INPUT', field, expect.any(String)]);
      }
      expect(await count('certifications')).toBe(0);
      expect(await count('training_records')).toBe(0);
      expect(await count('mentorships')).toBe(0);
      expect(await count('competency_rules')).toBe(0);
    });

    it('is kept by a PMO_LEAD or above for the active members of its subtree; anyone else is not found', async () => {
      const record = (by: string, tenantId: string, userId: string) =>
        stack.gql(RECORD, { i: { tenantId, userId, name: 'PMP', level: 2, issuedOn: '2026-01-10' } }, by);
      expect(codeOf(await record(token.senior, north, id.junior))).toBe('FORBIDDEN');
      expect(codeOf(await record(token.southLead, north, id.junior))).toBe('NOT_FOUND');
      expect(codeOf(await record(token.southLead, south, id.junior))).toBe('NOT_FOUND');
      // A member above the tenant is not one of its subtree's people.
      expect(codeOf(await record(token.northLead, north, id.hubLead))).toBe('NOT_FOUND');
      expect(codeOf(await record(globex.token, north, id.junior))).toBe('NOT_FOUND');
      expect(codeOf(await record(globex.token, globex.hubId, id.junior))).toBe('NOT_FOUND');
      expect(await count('certifications')).toBe(0);
    });

    it('says whether a certification is valid today', async () => {
      const expired = await certify('junior', 5, token.northLead, north, { issuedOn: '2020-01-01', expiresOn: '2021-01-01' });
      const future = await certify('junior', 4, token.northLead, north, { issuedOn: isoDate(10) });
      const current = await certify('junior', 2, token.northLead, north, { issuedOn: isoDate(-1), expiresOn: isoDate(0) });
      expect([expired.valid, future.valid, current.valid]).toEqual([false, false, true]);
      expect(current).toMatchObject({ userId: id.junior, level: 2, expiresOn: isoDate(0) });
      lastDay = current;
      // The hub records the senior's certification: it counts in the spokes too.
      expect(await certify('senior', 4, token.hubLead)).toMatchObject({ level: 4, valid: true });
      const audit = await stack.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'certification' AND action = 'record'`);
      expect(audit.rows[0].n).toBe(4);
    });
  });

  describe('competency rules', () => {
    it('are inherited down the tree and may only be raised, a lower minimum naming the ancestor’s rule', async () => {
      expect((await stack.ok(SET_RULE, { i: { tenantId: acme.hubId, tier: 1, minManagerLevel: 3 } }, token.hubLead)).setCompetencyRule).toEqual({
        tenant: { id: acme.hubId, name: 'Acme PMO' },
        tier: 1,
        minManagerLevel: 3,
      });
      const lower = await stack.gql(SET_RULE, { i: { tenantId: north, tier: 1, minManagerLevel: 2 } }, token.northLead);
      expect([codeOf(lower), fieldOf(lower)]).toEqual(['BAD_USER_INPUT', 'minManagerLevel']);
      expect(messageOf(lower)).toContain('the competency rule of Acme PMO (tier 1 projects need a manager of level 3 or above)');
      await stack.ok(SET_RULE, { i: { tenantId: north, tier: 1, minManagerLevel: 4 } }, token.northLead);
      const belowNorth = await stack.gql(SET_RULE, { i: { tenantId: northEast, tier: 1, minManagerLevel: 3 } }, token.neLead);
      expect(messageOf(belowNorth)).toContain('the competency rule of North (tier 1 projects need a manager of level 4 or above)');
      // The hub may still change its own, and a spoke's lead may not set the hub's.
      expect(codeOf(await stack.gql(SET_RULE, { i: { tenantId: acme.hubId, tier: 1, minManagerLevel: 0 } }, token.northLead))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(SET_RULE, { i: { tenantId: north, tier: 1, minManagerLevel: 5 } }, token.southLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(SET_RULE, { i: { tenantId: north, tier: 1, minManagerLevel: 5 } }, globex.token))).toBe('NOT_FOUND');
      expect((await stack.ok(RULES, { t: northEast }, token.neLead)).competencyRules).toEqual([
        { tenant: { name: 'Acme PMO' }, tier: 1, minManagerLevel: 3 },
        { tenant: { name: 'North' }, tier: 1, minManagerLevel: 4 },
      ]);
      // Another organization sees none of them.
      expect((await stack.gql(RULES, { t: northEast }, globex.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await stack.ok(RULES, { t: globex.hubId }, globex.token)).competencyRules).toEqual([]);
    });

    it('refuses a manager below the rule in force at project creation, naming it, and takes a qualified one', async () => {
      const input = { tenantId: northEast, code: 'NE-T1', name: 'Flagship', tier: 1 };
      const refused = await stack.gql(CREATE_PROJECT, { i: { ...input, managerId: id.junior } }, token.neLead);
      expect([codeOf(refused), fieldOf(refused)]).toEqual(['BAD_USER_INPUT', 'managerId']);
      expect(messageOf(refused)).toBe("The manager's level is 2, below the competency rule of North (tier 1 projects need a manager of level 4 or above)");
      expect(Number((await stack.db.query(`SELECT count(*) FROM projects WHERE code = 'NE-T1'`)).rows[0].count)).toBe(0);
      const created = (await stack.ok(CREATE_PROJECT, { i: { ...input, managerId: id.senior } }, token.neLead)).createProject;
      expect(created).toMatchObject({ tier: 1, managerId: id.senior });
      // Tier 2 has no rule: the junior may manage it; so may anyone a project without a tier.
      expect((await stack.ok(CREATE_PROJECT, { i: { ...input, code: 'NE-T2', tier: 2, managerId: id.junior } }, token.neLead)).createProject.tier).toBe(2);
      expect(
        (await stack.ok(CREATE_PROJECT, { i: { ...input, code: 'NE-T0', tier: null, managerId: id.junior } }, token.neLead)).createProject.tier,
      ).toBeNull();
      // Elsewhere in the organization only the hub's rule applies: level 3.
      await certify('southPm', 3, token.southLead, south);
      expect(
        (await stack.ok(CREATE_PROJECT, { i: { tenantId: south, code: 'S-T1', name: 'South flagship', tier: 1, managerId: id.southPm } }, token.southLead))
          .createProject.tier,
      ).toBe(1);
    });

    it('refuses raising a tier above what the manager’s level allows, and a manager change below the rule', async () => {
      const { id: projectId } = (
        await stack.ok(CREATE_PROJECT, { i: { tenantId: northEast, code: 'NE-RAISE', name: 'Growing', tier: 3, managerId: id.junior } }, token.neLead)
      ).createProject;
      const raised = await stack.gql(UPDATE_PROJECT, { id: projectId, i: { tier: 1 } }, token.neLead);
      expect([codeOf(raised), fieldOf(raised)]).toEqual(['BAD_USER_INPUT', 'tier']);
      expect(messageOf(raised)).toContain('the competency rule of North (tier 1 projects need a manager of level 4 or above)');
      expect((await stack.db.query('SELECT tier FROM projects WHERE id = $1', [projectId])).rows[0].tier).toBe(3);
      // With a qualified manager in the same change, the tier rises.
      expect((await stack.ok(UPDATE_PROJECT, { id: projectId, i: { tier: 1, managerId: id.senior } }, token.neLead)).updateProject).toEqual({
        id: projectId,
        tier: 1,
        managerId: id.senior,
      });
      const swapped = await stack.gql(UPDATE_PROJECT, { id: projectId, i: { managerId: id.junior } }, token.neLead);
      expect([codeOf(swapped), fieldOf(swapped)]).toEqual(['BAD_USER_INPUT', 'managerId']);
      // Other changes of the project stand, and lowering the tier is free.
      expect((await stack.ok(UPDATE_PROJECT, { id: projectId, i: { tier: 2, managerId: id.junior } }, token.neLead)).updateProject.tier).toBe(2);
    });

    it('follows a project moved under a stricter rule', async () => {
      await certify('hubLead', 3);
      const { id: projectId } = (
        await stack.ok(CREATE_PROJECT, { i: { tenantId: acme.hubId, code: 'HUB-T1', name: 'Hub flagship', tier: 1, managerId: id.hubLead } }, token.hubLead)
      ).createProject;
      // Level 3 meets the hub's rule, not North's (4): the manager, who covers North, may not take the project there.
      const MOVE = `mutation($id: ID!, $t: ID!) { moveProject(id: $id, tenantId: $t) { id tenant { name } } }`;
      const moved = await stack.gql(MOVE, { id: projectId, t: north }, token.hubLead);
      expect([codeOf(moved), fieldOf(moved)]).toEqual(['BAD_USER_INPUT', 'managerId']);
      expect(messageOf(moved)).toContain('the competency rule of North');
      expect((await stack.ok(MOVE, { id: projectId, t: south }, token.hubLead)).moveProject.tenant).toEqual({ name: 'South' });
    });
  });

  describe('gate voting', () => {
    it('refuses a voter below the gate’s minApproverLevel, naming it, until they hold the level', async () => {
      const methodology = (
        await stack.ok(
          `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id phases { gate { minApproverLevel } } } }`,
          {
            i: {
              tenantId: acme.hubId,
              name: 'Qualified gates',
              phases: [
                { name: 'Initiation', gate: { name: 'G1', deliverables: [], approverRole: 'PMO_LEAD', minApproverLevel: 3 } },
                { name: 'Delivery', gate: { name: 'G2', deliverables: [] } },
              ],
            },
          },
          acme.token,
        )
      ).createMethodology;
      expect(methodology.phases).toEqual([{ gate: { minApproverLevel: 3 } }, { gate: { minApproverLevel: 0 } }]);
      const badLevel = await stack.gql(
        `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id } }`,
        { i: { tenantId: acme.hubId, name: 'Bad', phases: [{ name: 'One', gate: { deliverables: [], minApproverLevel: 6 } }] } },
        acme.token,
      );
      expect([codeOf(badLevel), fieldOf(badLevel)]).toEqual(['BAD_USER_INPUT', 'phases.gate.minApproverLevel']);
      await stack.ok(`mutation($id: ID!) { publishMethodology(id: $id) { id } }`, { id: methodology.id }, acme.token);
      const { id: projectId } = (
        await stack.ok(
          CREATE_PROJECT,
          { i: { tenantId: northEast, code: 'NE-GATE', name: 'Gated', methodologyId: methodology.id, startDate: '2026-01-05', managerId: id.junior } },
          token.neLead,
        )
      ).createProject;
      const review = (
        await stack.ok(`mutation($i: SubmitGateReviewInput!) { submitGateReview(input: $i) { id } }`, { i: { projectId, criteria: [] } }, token.junior)
      ).submitGateReview;
      // Only the voters who hold the level hear of it: of the PMO_LEADs and ORG_ADMIN on the path, the hub's lead alone (level 3).
      const told = async () =>
        (
          await stack.db.query(`SELECT user_id FROM notifications WHERE kind = 'gate_review.submitted' AND entity_id = $1 ORDER BY user_id`, [review.id])
        ).rows.map((row: { user_id: string }) => row.user_id);
      const deadline = Date.now() + 20000;
      while ((await told()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await stack.waitForIdle();
      expect(await told()).toEqual([id.hubLead]);
      const VOTE = `mutation($i: VoteOnGateReviewInput!) { voteOnGateReview(input: $i) { state project { currentPhase } } }`;
      const refused = await stack.gql(VOTE, { i: { reviewId: review.id, decision: 'APPROVE' } }, token.hubLowLead);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(messageOf(refused)).toBe('Voting on this gate takes a competency level of 3 or above; yours is 0');
      expect(Number((await stack.db.query('SELECT count(*) FROM gate_review_votes WHERE review_id = $1', [review.id])).rows[0].count)).toBe(0);
      await certify('hubLowLead', 2);
      expect(messageOf(await stack.gql(VOTE, { i: { reviewId: review.id, decision: 'APPROVE' } }, token.hubLowLead))).toContain('yours is 2');
      await certify('hubLowLead', 3);
      expect((await stack.ok(VOTE, { i: { reviewId: review.id, decision: 'APPROVE' } }, token.hubLowLead)).voteOnGateReview).toEqual({
        state: 'APPROVED',
        project: { currentPhase: 'Delivery' },
      });
    });
  });

  describe('mentorships and profiles', () => {
    let mentorshipId: string;

    it('start, log check-ins while open, and end once', async () => {
      const started = (
        await stack.ok(START, { i: { tenantId: north, mentorId: id.senior, menteeId: id.junior, goals: 'Lead a tier 1 project' } }, token.northLead)
      ).startMentorship;
      expect(started).toMatchObject({ mentorId: id.senior, menteeId: id.junior, endedOn: null, checkIns: [] });
      mentorshipId = started.id;
      const again = await stack.gql(START, { i: { tenantId: north, mentorId: id.senior, menteeId: id.junior, goals: 'Twice' } }, token.northLead);
      expect(codeOf(again)).toBe('CONFLICT');
      expect(codeOf(await stack.gql(CHECK_IN, { id: mentorshipId, n: 'Hello' }, token.southLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(CHECK_IN, { id: mentorshipId, n: 'Hello' }, token.senior))).toBe('FORBIDDEN');
      expect([fieldOf(await stack.gql(CHECK_IN, { id: mentorshipId, n: ' ' }, token.northLead))]).toEqual(['notes']);
      await stack.ok(CHECK_IN, { id: mentorshipId, n: 'Planned the charter' }, token.northLead);
      const logged = (await stack.ok(CHECK_IN, { id: mentorshipId, n: 'Reviewed the risks' }, token.northLead)).logMentoringCheckIn;
      expect(logged.checkIns.map((c: { notes: string }) => c.notes)).toEqual(['Planned the charter', 'Reviewed the risks']);
      expect((await stack.ok(END, { id: mentorshipId }, token.northLead)).endMentorship.endedOn).toBe(isoDate(0));
      const twice = await stack.gql(END, { id: mentorshipId }, token.northLead);
      expect([codeOf(twice), fieldOf(twice)]).toEqual(['CONFLICT', 'id']);
      const late = await stack.gql(CHECK_IN, { id: mentorshipId, n: 'Too late' }, token.northLead);
      expect([codeOf(late), fieldOf(late)]).toEqual(['CONFLICT', 'mentorshipId']);
      expect(Number((await stack.db.query('SELECT count(*) FROM mentoring_check_ins')).rows[0].count)).toBe(2);
    });

    it('show a subtree’s people with level, records and active projects, in statements that do not grow with them', async () => {
      await stack.ok(TRAIN, { i: { tenantId: north, userId: id.junior, course: 'Risk management', completedOn: '2026-01-20', hours: 7.5 } }, token.northLead);
      const profiles = (await stack.ok(PROFILES, { t: north }, token.northLead)).pmProfiles;
      const byUser = Object.fromEntries(profiles.map((p: { userId: string }) => [p.userId, p]));
      expect(Object.keys(byUser).sort()).toEqual([id.northLead, id.neLead, id.senior, id.junior].sort());
      expect(byUser[id.junior]).toMatchObject({ level: 2, activeProjects: 4, training: [{ course: 'Risk management', hours: 7.5 }] });
      expect(byUser[id.junior].certifications.map((c: { level: number; valid: boolean }) => [c.level, c.valid]).sort()).toEqual([
        [2, true],
        [4, false],
        [5, false],
      ]);
      expect(byUser[id.junior].mentorships).toEqual([expect.objectContaining({ id: mentorshipId, checkIns: [expect.anything(), expect.anything()] })]);
      // The senior's certification lives at the hub: North's lead sees the level it gives, not the record.
      expect(byUser[id.senior]).toMatchObject({ level: 4, certifications: [], activeProjects: 1 });
      const fromHub = (await stack.ok(PROFILES, { t: north }, acme.token)).pmProfiles.find((p: { userId: string }) => p.userId === id.senior);
      expect(fromHub.certifications).toEqual([expect.objectContaining({ level: 4, valid: true })]);
      expect(codeOf(await stack.gql(PROFILES, { t: north }, token.southLead))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(PROFILES, { t: north }, globex.token))).toBe('NOT_FOUND');

      const statements = async () => {
        const result = await stack.gql(PROFILES, { t: north }, acme.token);
        expect(result.errors).toBeUndefined();
        return (result as GqlResult & { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
      };
      const few = await statements();
      for (let i = 0; i < 5; i++) {
        await person(`extra${i}`, northEast, 'PROJECT_MANAGER');
        await certify(`extra${i}`, 1, token.northLead, north);
        await stack.ok(START, { i: { tenantId: north, mentorId: id.senior, menteeId: id[`extra${i}`], goals: 'Grow' } }, token.northLead);
      }
      expect(typeof few).toBe('number');
      expect(await statements()).toBe(few);
    });
  });

  describe('the daily expiry notice', () => {
    it('announces each certification expiring within 60 days once, as an event through the outbox', async () => {
      const soon = await certify('senior', 3, token.northLead, north, { issuedOn: isoDate(-300), expiresOn: isoDate(30) });
      const edge = await certify('junior', 1, token.northLead, north, { issuedOn: isoDate(-300), expiresOn: isoDate(60) });
      const later = await certify('senior', 2, token.northLead, north, { issuedOn: isoDate(-300), expiresOn: isoDate(61) });
      const foreign = (
        await stack.ok(
          RECORD,
          { i: { tenantId: globex.hubId, userId: globex.userId, name: 'Globex PM', level: 2, issuedOn: isoDate(-10), expiresOn: isoDate(5) } },
          globex.token,
        )
      ).recordCertification;
      await stack.waitForIdle();
      // Runs the daily job now and waits for it to finish, then for the events it published.
      const run = () =>
        stack.withQueue('maintenance', async (queue) => {
          const jobId = `expiring-${randomBytes(6).toString('hex')}`;
          await queue.add('competency.certifications-expiring', {}, { jobId });
          for (let i = 0; i < 400 && ['waiting', 'active', 'delayed', 'prioritized'].includes(await queue.getJobState(jobId)); i++) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          await stack.waitForIdle();
        });
      await run();
      await run();
      const flagged = (await stack.db.query('SELECT id FROM certifications WHERE expiry_flagged_at IS NOT NULL ORDER BY id')).rows.map((r) => r.id);
      expect(flagged).toEqual([soon.id, edge.id, foreign.id, lastDay.id].sort());
      const logs = stack.logs();
      for (const certification of [soon, edge, foreign, lastDay]) {
        const line = `certification ${certification.id} of user ${certification.userId} expires on ${certification.expiresOn}`;
        expect(logs.split(line).length - 1).toBe(1);
      }
      expect(logs).not.toContain(`certification ${later.id}`);
    });
  });
});

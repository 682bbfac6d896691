// Governance over GraphQL, the review side: stage-gate reviews (criteria with evidence,
// qualified voters, quorum, the most cautious vote, approval moving the project on,
// conditions as corrective actions), audits and peer reviews with their independence
// rules, findings and actions, and a peer review's team from a sibling spoke reading the
// project for the review's duration only. Every refusal leaves the tables as they were.
import { GqlResult, Stack } from '@pmo/testing';

const codeOf = (result: GqlResult) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GqlResult) => result.errors?.[0]?.extensions?.field;

const GATE_REVIEW =
  'id phase gate state submittedAt decidedAt project { id currentPhase } criteria { criterion status evidence comment } votes { voterId decision comment at }';
const SUBMIT = `mutation($i: SubmitGateReviewInput!) { submitGateReview(input: $i) { ${GATE_REVIEW} } }`;
const VOTE = `mutation($i: VoteOnGateReviewInput!) { voteOnGateReview(input: $i) { ${GATE_REVIEW} } }`;
const REVIEW = 'id kind state leadId reviewerIds plannedFor closedAt project { id } findings { id severity title actions { id state ownerId overdue } }';
const PLAN = `mutation($i: PlanReviewInput!) { planReview(input: $i) { ${REVIEW} } }`;
const FINDING = `mutation($i: AddFindingInput!) { addFinding(input: $i) { id severity title description actions { id } } }`;
const ACTION = 'id description ownerId dueDate state overdue project { id }';
const ADD_ACTION = `mutation($i: AddCorrectiveActionInput!) { addCorrectiveAction(input: $i) { ${ACTION} } }`;
const COMPLETE = `mutation($id: ID!) { completeCorrectiveAction(id: $id) { ${ACTION} } }`;
const VERIFY = `mutation($id: ID!) { verifyCorrectiveAction(id: $id) { ${ACTION} } }`;
const CLOSE = `mutation($id: ID!) { closeReview(id: $id) { ${REVIEW} } }`;
const ACTIONS = `query($t: ID!, $o: Boolean) { correctiveActions(tenantId: $t, overdueOnly: $o) { ${ACTION} } }`;
const REVIEWS = `query($t: ID!, $s: [ReviewState!]) { reviews(tenantId: $t, states: $s) { ${REVIEW} } }`;

describe('governance: gate reviews, audits and peer reviews', () => {
  let stack: Stack;
  let acme: Awaited<ReturnType<Stack['signUp']>>;
  let globex: Awaited<ReturnType<Stack['signUp']>>;
  let north: string;
  let northEast: string;
  let south: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let projectId: string;

  const rows = async (sql: string, params: unknown[] = []) => (await stack.db.query(sql, params)).rows;
  const counts = async () =>
    (
      await rows(
        `SELECT (SELECT count(*) FROM gate_reviews)::int AS gates, (SELECT count(*) FROM gate_review_votes)::int AS votes,
                         (SELECT count(*) FROM project_reviews)::int AS reviews, (SELECT count(*) FROM review_findings)::int AS findings,
                         (SELECT string_agg(state, ',' ORDER BY id) FROM corrective_actions) AS actions,
                         (SELECT string_agg(state, ',' ORDER BY id) FROM project_reviews) AS review_states,
                         (SELECT count(*) FROM audit_log)::int AS audit, (SELECT current_phase FROM projects WHERE id = $1) AS phase`,
        [projectId],
      )
    )[0];
  const refusals = async (attempts: Array<[Promise<GqlResult>, string, string?]>) => {
    const before = await counts();
    for (const [attempt, code, field] of attempts) {
      const result = await attempt;
      expect({ code: codeOf(result), field: field ? fieldOf(result) : undefined, message: code === codeOf(result) ? '' : result.errors?.[0]?.message }).toEqual(
        {
          code,
          field,
          message: '',
        },
      );
    }
    expect(await counts()).toEqual(before);
  };
  const person = async (name: string, tenantId: string, role: string) => {
    token[name] = await stack.member(acme.token, tenantId, role);
    id[name] = (await stack.ok('{ me { id } }', {}, token[name])).me.id;
  };
  let methodology: string;
  const projectAs = async (who: string) =>
    (await stack.ok(`query($id: ID!) { project(id: $id) { id name currentPhase tenant { name } } }`, { id: projectId }, token[who])).project;

  beforeAll(async () => {
    stack = await Stack.start();
    acme = await stack.signUp('Acme PMO');
    globex = await stack.signUp('Globex PMO');
    token.admin = acme.token;
    id.admin = acme.userId;
    token.globex = globex.token;
    id.globex = globex.userId;
    north = await stack.createSpoke(acme.token, acme.hubId, 'North');
    northEast = await stack.createSpoke(acme.token, north, 'North East');
    south = await stack.createSpoke(acme.token, acme.hubId, 'South');
    await person('hubLead', acme.hubId, 'PMO_LEAD');
    await person('executive', acme.hubId, 'EXECUTIVE');
    await person('northLead', north, 'PMO_LEAD');
    await person('neLead', northEast, 'PMO_LEAD');
    await person('manager', northEast, 'PROJECT_MANAGER');
    await person('neViewer', northEast, 'VIEWER');
    await person('southLead', south, 'PMO_LEAD');
    await person('southPm', south, 'PROJECT_MANAGER');
    await person('southBystander', south, 'PMO_LEAD');
    methodology = (
      await stack.ok(
        `mutation($i: CreateMethodologyInput!) { createMethodology(input: $i) { id } }`,
        {
          i: {
            tenantId: acme.hubId,
            name: 'Stage gate',
            phases: [
              { name: 'Initiation', gate: { name: 'G1', deliverables: ['Charter', 'Business case'], approverRole: 'PMO_LEAD', quorum: 2 } },
              { name: 'Planning', gate: { name: 'G2', deliverables: ['Plan'], approverRole: 'EXECUTIVE' } },
              { name: 'Delivery', gate: { name: 'G3', deliverables: [], approverRole: 'PMO_LEAD' } },
            ],
          },
        },
        acme.token,
      )
    ).createMethodology.id;
    await stack.ok(`mutation($id: ID!) { publishMethodology(id: $id) { id } }`, { id: methodology }, acme.token);
    projectId = (
      await stack.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { tenantId: northEast, code: 'NE-1', name: 'North East rollout', methodologyId: methodology, startDate: '2026-01-05', managerId: id.manager } },
        token.neLead,
      )
    ).createProject.id;
  });

  afterAll(() => stack?.stop());

  describe('stage-gate reviews', () => {
    let g1: string;
    const criteria = [
      { criterion: 'Charter', status: 'MET', evidence: 'https://docs/charter' },
      { criterion: 'Business case', status: 'WAIVED', comment: 'Covered by the programme case' },
    ];

    it('refuses a submission without evidence, with an unknown or a missing criterion, or by someone not entitled', async () => {
      await refusals([
        [stack.gql(SUBMIT, { i: { projectId, criteria: [{ ...criteria[0], evidence: null }, criteria[1]] } }, token.manager), 'BAD_USER_INPUT', 'evidence'],
        [
          stack.gql(SUBMIT, { i: { projectId, criteria: [...criteria, { criterion: 'Budget', status: 'MET', evidence: 'x' }] } }, token.manager),
          'BAD_USER_INPUT',
          'criterion',
        ],
        [stack.gql(SUBMIT, { i: { projectId, criteria: [criteria[0]] } }, token.manager), 'BAD_USER_INPUT', 'criteria'],
        [stack.gql(SUBMIT, { i: { projectId, criteria } }, token.neViewer), 'FORBIDDEN'],
        [stack.gql(SUBMIT, { i: { projectId, criteria } }, token.southLead), 'NOT_FOUND'],
        [stack.gql(SUBMIT, { i: { projectId, criteria } }, token.globex), 'NOT_FOUND'],
      ]);
    });

    it('submits the gate that ends the current phase with every deliverable, one open review per gate', async () => {
      const review = (await stack.ok(SUBMIT, { i: { projectId, criteria: [criteria[1], criteria[0]] } }, token.manager)).submitGateReview;
      expect(review).toMatchObject({
        phase: 'Initiation',
        gate: 'G1',
        state: 'SUBMITTED',
        decidedAt: null,
        votes: [],
        project: { id: projectId, currentPhase: 'Initiation' },
      });
      expect(review.criteria).toEqual([
        { criterion: 'Charter', status: 'MET', evidence: 'https://docs/charter', comment: null },
        { criterion: 'Business case', status: 'WAIVED', evidence: null, comment: 'Covered by the programme case' },
      ]);
      g1 = review.id;
      await refusals([[stack.gql(SUBMIT, { i: { projectId, criteria } }, token.neLead), 'CONFLICT', 'projectId']]);
    });

    it('lets only qualified voters vote, never the manager or the submitter, and each once', async () => {
      const approve = { reviewId: g1, decision: 'APPROVE' };
      await refusals([
        [stack.gql(VOTE, { i: approve }, token.manager), 'FORBIDDEN'],
        [stack.gql(VOTE, { i: approve }, token.neViewer), 'FORBIDDEN'],
        [stack.gql(VOTE, { i: approve }, token.executive), 'FORBIDDEN'],
        [stack.gql(VOTE, { i: approve }, token.southLead), 'NOT_FOUND'],
        [stack.gql(VOTE, { i: { ...approve, decision: 'APPROVE_WITH_CONDITIONS' } }, token.hubLead), 'BAD_USER_INPUT', 'conditions'],
        [stack.gql(VOTE, { i: { ...approve, conditions: [{ description: 'x', dueDate: '2026-05-01' }] } }, token.hubLead), 'BAD_USER_INPUT', 'conditions'],
        [
          stack.gql(VOTE, { i: { ...approve, decision: 'APPROVE_WITH_CONDITIONS', conditions: [{ description: 'x', dueDate: '2026-02-30' }] } }, token.hubLead),
          'BAD_USER_INPUT',
          'dueDate',
        ],
        [
          stack.gql(
            VOTE,
            { i: { ...approve, decision: 'APPROVE_WITH_CONDITIONS', conditions: [{ description: 'x', ownerId: id.southPm, dueDate: '2026-05-01' }] } },
            token.hubLead,
          ),
          'BAD_USER_INPUT',
          'ownerId',
        ],
      ]);
    });

    it('decides when the quorum is in, by the most cautious vote: approval moves the project on, conditions become actions', async () => {
      const conditions = [{ description: 'Staff the risk owner', ownerId: id.manager, dueDate: '2026-02-01' }];
      const first = (await stack.ok(VOTE, { i: { reviewId: g1, decision: 'APPROVE_WITH_CONDITIONS', comment: 'Staff it', conditions } }, token.hubLead))
        .voteOnGateReview;
      expect(first).toMatchObject({ state: 'SUBMITTED', votes: [{ voterId: id.hubLead, decision: 'APPROVE_WITH_CONDITIONS', comment: 'Staff it' }] });
      await refusals([[stack.gql(VOTE, { i: { reviewId: g1, decision: 'APPROVE' } }, token.hubLead), 'CONFLICT', 'reviewId']]);
      const decided = (await stack.ok(VOTE, { i: { reviewId: g1, decision: 'APPROVE' } }, token.northLead)).voteOnGateReview;
      expect(decided).toMatchObject({ state: 'APPROVED_WITH_CONDITIONS', decidedAt: expect.any(String), project: { currentPhase: 'Planning' } });
      expect(decided.votes.map((v: { voterId: string }) => v.voterId)).toEqual([id.hubLead, id.northLead]);
      const [action] = (await stack.ok(ACTIONS, { t: northEast }, token.neLead)).correctiveActions;
      expect(action).toEqual({
        id: expect.any(String),
        description: 'Staff the risk owner',
        ownerId: id.manager,
        dueDate: '2026-02-01',
        state: 'OPEN',
        overdue: true,
        project: { id: projectId },
      });
      expect((await stack.ok(ACTIONS, { t: northEast, o: true }, token.neLead)).correctiveActions).toHaveLength(1);
      await refusals([[stack.gql(VOTE, { i: { reviewId: g1, decision: 'REJECT' } }, token.admin), 'CONFLICT', 'reviewId']]);
    });

    it('sends a gate back on RECYCLE, takes a new submission, and passes it on approval', async () => {
      const submitted = (await stack.ok(SUBMIT, { i: { projectId, criteria: [{ criterion: 'Plan', status: 'UNMET', comment: 'Draft only' }] } }, token.neLead))
        .submitGateReview;
      expect(submitted).toMatchObject({ phase: 'Planning', gate: 'G2' });
      // The submitter may not vote, whatever the role; the gate's approver role is EXECUTIVE, met by the executive.
      await refusals([[stack.gql(VOTE, { i: { reviewId: submitted.id, decision: 'APPROVE' } }, token.neLead), 'FORBIDDEN']]);
      const recycled = (await stack.ok(VOTE, { i: { reviewId: submitted.id, decision: 'RECYCLE', comment: 'Finish the plan' } }, token.executive))
        .voteOnGateReview;
      expect(recycled).toMatchObject({ state: 'RECYCLED', project: { currentPhase: 'Planning' } });
      const again = (await stack.ok(SUBMIT, { i: { projectId, criteria: [{ criterion: 'Plan', status: 'MET', evidence: 'plan-v2.pdf' }] } }, token.manager))
        .submitGateReview;
      expect((await stack.ok(VOTE, { i: { reviewId: again.id, decision: 'APPROVE' } }, token.executive)).voteOnGateReview).toMatchObject({
        state: 'APPROVED',
        project: { currentPhase: 'Delivery' },
      });
      const history = (await stack.ok(`query($id: ID!) { project(id: $id) { gateReviews { gate state } } }`, { id: projectId }, token.neLead)).project
        .gateReviews;
      expect(history).toEqual([
        { gate: 'G1', state: 'APPROVED_WITH_CONDITIONS' },
        { gate: 'G2', state: 'RECYCLED' },
        { gate: 'G2', state: 'APPROVED' },
      ]);
      expect((await stack.ok(`query($id: ID!) { project(id: $id) { gateReviews { id } } }`, { id: projectId }, token.southLead)).project).toBeNull();
    });

    it('lets the owner complete a gate condition and a PMO_LEAD verify it, never the owner', async () => {
      const [action] = (await stack.ok(ACTIONS, { t: northEast }, token.neLead)).correctiveActions;
      await refusals([
        [stack.gql(COMPLETE, { id: action.id }, token.neViewer), 'FORBIDDEN'],
        [stack.gql(VERIFY, { id: action.id }, token.northLead), 'BAD_USER_INPUT', 'id'],
        [stack.gql(COMPLETE, { id: action.id }, token.southLead), 'NOT_FOUND'],
      ]);
      expect((await stack.ok(COMPLETE, { id: action.id }, token.manager)).completeCorrectiveAction).toMatchObject({ state: 'DONE', overdue: false });
      await refusals([
        [stack.gql(VERIFY, { id: action.id }, token.manager), 'FORBIDDEN'],
        [stack.gql(COMPLETE, { id: action.id }, token.manager), 'CONFLICT', 'id'],
      ]);
      expect((await stack.ok(VERIFY, { id: action.id }, token.northLead)).verifyCorrectiveAction.state).toBe('VERIFIED');
      expect((await stack.ok(ACTIONS, { t: northEast, o: true }, token.neLead)).correctiveActions).toEqual([]);
    });
  });

  describe('audits and peer reviews', () => {
    let peerReview: string;
    let findingId: string;
    let actionId: string;

    it('has an audit led from above the project’s tenant, without its manager', async () => {
      const audit = { projectId, kind: 'AUDIT', plannedFor: '2030-12-01' };
      await refusals([
        [stack.gql(PLAN, { i: { ...audit, leadId: id.neLead } }, token.neLead), 'FORBIDDEN'],
        [stack.gql(PLAN, { i: { ...audit, leadId: id.northLead, reviewerIds: [id.manager] } }, token.neLead), 'FORBIDDEN'],
        [stack.gql(PLAN, { i: { ...audit, leadId: id.globex } }, token.neLead), 'BAD_USER_INPUT', 'leadId'],
        [stack.gql(PLAN, { i: { ...audit, leadId: id.northLead } }, token.manager), 'FORBIDDEN'],
        [stack.gql(PLAN, { i: { ...audit, leadId: id.northLead, plannedFor: '2026-02-30' } }, token.neLead), 'BAD_USER_INPUT', 'plannedFor'],
      ]);
      const planned = (await stack.ok(PLAN, { i: { ...audit, leadId: id.northLead, reviewerIds: [id.hubLead, id.hubLead] } }, token.neLead)).planReview;
      expect(planned).toMatchObject({
        kind: 'AUDIT',
        state: 'PLANNED',
        leadId: id.northLead,
        reviewerIds: [id.hubLead],
        plannedFor: '2030-12-01',
        findings: [],
      });
    });

    it('staffs a peer review from another branch only', async () => {
      const peer = { projectId, kind: 'PEER_REVIEW', plannedFor: '2026-01-20' };
      await refusals([
        [stack.gql(PLAN, { i: { ...peer, leadId: id.southLead, reviewerIds: [id.neViewer] } }, token.neLead), 'FORBIDDEN'],
        [stack.gql(PLAN, { i: { ...peer, leadId: id.hubLead } }, token.neLead), 'FORBIDDEN'],
      ]);
      expect(await projectAs('southLead')).toBeNull();
      const planned = (await stack.ok(PLAN, { i: { ...peer, leadId: id.southLead, reviewerIds: [id.southPm] } }, token.neLead)).planReview;
      // Planned for a day that has come: in progress.
      expect(planned).toMatchObject({ kind: 'PEER_REVIEW', state: 'IN_PROGRESS', leadId: id.southLead, reviewerIds: [id.southPm] });
      peerReview = planned.id;
    });

    it('lets the team read the project while the review is open, and nobody else of its branch', async () => {
      for (const member of ['southLead', 'southPm']) {
        expect(await projectAs(member)).toEqual({ id: projectId, name: 'North East rollout', currentPhase: 'Delivery', tenant: { name: 'North East' } });
        const mine = (await stack.ok(`{ myReviews { id kind project { id } } }`, {}, token[member])).myReviews;
        expect(mine).toEqual([{ id: peerReview, kind: 'PEER_REVIEW', project: { id: projectId } }]);
      }
      expect((await stack.ok(`{ myReviews { id } }`, {}, token.southBystander)).myReviews).toEqual([]);
      expect(await projectAs('southBystander')).toBeNull();
      // Only what the review needs: not the tenant's other records.
      expect(codeOf(await stack.gql(REVIEWS, { t: northEast }, token.southLead))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(ACTIONS, { t: northEast }, token.southPm))).toBe('FORBIDDEN');
    });

    it('takes the team’s findings and actions, owned by the project’s people, and nobody else’s', async () => {
      await refusals([
        [stack.gql(FINDING, { i: { reviewId: peerReview, severity: 'HIGH', title: 'x' } }, token.neViewer), 'FORBIDDEN'],
        [stack.gql(FINDING, { i: { reviewId: peerReview, severity: 'HIGH', title: 'x' } }, token.southBystander), 'NOT_FOUND'],
        [stack.gql(FINDING, { i: { reviewId: peerReview, severity: 'HIGH', title: ' ' } }, token.southPm), 'BAD_USER_INPUT', 'title'],
      ]);
      const finding = (
        await stack.ok(FINDING, { i: { reviewId: peerReview, severity: 'HIGH', title: 'No risk log', description: 'Risks are untracked' } }, token.southPm)
      ).addFinding;
      expect(finding).toEqual({ id: expect.any(String), severity: 'HIGH', title: 'No risk log', description: 'Risks are untracked', actions: [] });
      findingId = finding.id;
      await stack.ok(FINDING, { i: { reviewId: peerReview, severity: 'LOW', title: 'Naming' } }, token.southLead);
      await refusals([
        [
          stack.gql(ADD_ACTION, { i: { findingId, description: 'Start a risk log', ownerId: id.southPm, dueDate: '2031-01-31' } }, token.southLead),
          'BAD_USER_INPUT',
          'ownerId',
        ],
        [stack.gql(ADD_ACTION, { i: { findingId, description: 'Start a risk log', dueDate: '2031-01-31' } }, token.neViewer), 'FORBIDDEN'],
      ]);
      const action = (
        await stack.ok(ADD_ACTION, { i: { findingId, description: 'Start a risk log', ownerId: id.manager, dueDate: '2031-01-31' } }, token.southLead)
      ).addCorrectiveAction;
      expect(action).toMatchObject({ description: 'Start a risk log', ownerId: id.manager, state: 'OPEN', overdue: false, project: { id: projectId } });
      actionId = action.id;
    });

    it('closes only when the HIGH finding’s action is VERIFIED by the lead, never by its owner', async () => {
      await refusals([
        [stack.gql(CLOSE, { id: peerReview }, token.southLead), 'CONFLICT', 'id'],
        [stack.gql(CLOSE, { id: peerReview }, token.southPm), 'FORBIDDEN'],
      ]);
      await stack.ok(COMPLETE, { id: actionId }, token.manager);
      await refusals([
        [stack.gql(VERIFY, { id: actionId }, token.manager), 'FORBIDDEN'],
        [stack.gql(VERIFY, { id: actionId }, token.southPm), 'FORBIDDEN'],
        [stack.gql(VERIFY, { id: actionId }, token.neLead), 'FORBIDDEN'],
        [stack.gql(CLOSE, { id: peerReview }, token.southLead), 'CONFLICT', 'id'],
      ]);
      expect((await stack.ok(VERIFY, { id: actionId }, token.southLead)).verifyCorrectiveAction.state).toBe('VERIFIED');
      const closed = (await stack.ok(CLOSE, { id: peerReview }, token.southLead)).closeReview;
      expect(closed).toMatchObject({ state: 'CLOSED', closedAt: expect.any(String) });
      expect(closed.findings.map((f: { severity: string; actions: unknown[] }) => [f.severity, f.actions.length])).toEqual([
        ['HIGH', 1],
        ['LOW', 0],
      ]);
      await refusals([[stack.gql(CLOSE, { id: peerReview }, token.neLead), 'FORBIDDEN']]);
    });

    it('ends the team’s access with the review', async () => {
      expect(await projectAs('southLead')).toBeNull();
      expect(await projectAs('southPm')).toBeNull();
      expect((await stack.ok(`{ myReviews { id } }`, {}, token.southLead)).myReviews).toEqual([]);
      await refusals([[stack.gql(FINDING, { i: { reviewId: peerReview, severity: 'LOW', title: 'Late note' } }, token.southPm), 'NOT_FOUND']]);
    });

    it('lists a subtree’s reviews by state to the project’s readers, and nothing to another organization', async () => {
      const listed = (await stack.ok(REVIEWS, { t: acme.hubId }, acme.token)).reviews;
      expect(listed.map((r: { kind: string; state: string }) => [r.kind, r.state])).toEqual([
        ['PEER_REVIEW', 'CLOSED'],
        ['AUDIT', 'PLANNED'],
      ]);
      expect((await stack.ok(REVIEWS, { t: north, s: ['PLANNED', 'IN_PROGRESS'] }, token.northLead)).reviews.map((r: { kind: string }) => r.kind)).toEqual([
        'AUDIT',
      ]);
      expect((await stack.ok(REVIEWS, { t: south }, token.southLead)).reviews).toEqual([]);
      expect(codeOf(await stack.gql(REVIEWS, { t: acme.hubId }, token.globex))).toBe('NOT_FOUND');
      expect(codeOf(await stack.gql(ACTIONS, { t: acme.hubId }, token.globex))).toBe('NOT_FOUND');
    });

    it('audits every governance change in the project’s tenant, the team’s included', async () => {
      const entries = await rows(
        `SELECT entity, action, count(*)::int AS n FROM audit_log
          WHERE tenant_id = $1 AND entity IN ('gate_review', 'project_review', 'review_finding', 'corrective_action', 'project')
          GROUP BY entity, action ORDER BY entity, action`,
        [northEast],
      );
      expect(entries).toEqual(
        expect.arrayContaining([
          { entity: 'gate_review', action: 'submit', n: 3 },
          { entity: 'gate_review', action: 'vote', n: 4 },
          { entity: 'gate_review', action: 'decide', n: 3 },
          { entity: 'project', action: 'pass-gate', n: 2 },
          { entity: 'project_review', action: 'plan', n: 2 },
          { entity: 'project_review', action: 'close', n: 1 },
          { entity: 'review_finding', action: 'create', n: 2 },
          { entity: 'corrective_action', action: 'create', n: 2 },
          { entity: 'corrective_action', action: 'complete', n: 2 },
          { entity: 'corrective_action', action: 'verify', n: 2 },
        ]),
      );
      const [{ actor }] = await rows(`SELECT actor_id AS actor FROM audit_log WHERE entity = 'review_finding' ORDER BY at LIMIT 1`);
      expect(actor).toBe(id.southPm);
    });

    it('lets no lead own an action of their review: they verify it, so the review could never close', async () => {
      const audit = (await stack.ok(PLAN, { i: { projectId, kind: 'AUDIT', plannedFor: '2031-06-01', leadId: id.northLead } }, token.neLead)).planReview;
      const finding = (await stack.ok(FINDING, { i: { reviewId: audit.id, severity: 'HIGH', title: 'No sponsor' } }, token.northLead)).addFinding;
      await refusals([
        [
          stack.gql(ADD_ACTION, { i: { findingId: finding.id, description: 'Name one', ownerId: id.northLead, dueDate: '2031-07-31' } }, token.northLead),
          'BAD_USER_INPUT',
          'ownerId',
        ],
      ]);
    });
  });

  it('decides no gate of a project put on hold after its review was submitted', async () => {
    const held = (
      await stack.ok(
        `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { tenantId: northEast, code: 'NE-2', name: 'Held', methodologyId: methodology, startDate: '2026-01-05', managerId: id.manager } },
        token.neLead,
      )
    ).createProject.id;
    const criteria = [
      { criterion: 'Charter', status: 'MET', evidence: 'https://docs/charter' },
      { criterion: 'Business case', status: 'MET', evidence: 'https://docs/case' },
    ];
    const submitted = (await stack.ok(SUBMIT, { i: { projectId: held, criteria } }, token.manager)).submitGateReview;
    await stack.ok(
      `mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { id } }`,
      { i: { projectId: held, kind: 'HOLD', rationale: 'Funding paused' } },
      token.executive,
    );
    await refusals([[stack.gql(VOTE, { i: { reviewId: submitted.id, decision: 'APPROVE' } }, token.northLead), 'CONFLICT', 'reviewId']]);
  });
});

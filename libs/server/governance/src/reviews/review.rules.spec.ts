import { Role } from '@pmo/shared';
import {
  ActionState,
  Candidate,
  closeProblem,
  completeProblem,
  FindingSeverity,
  isOverdue,
  ReviewKind,
  reviewState,
  ReviewState,
  teamProblem,
  TeamProposal,
  verifyProblem,
} from './review.rules';

// hub → north → north-east (the project's tenant); hub → south (a sibling branch).
const HUB = 'hub';
const NORTH = 'north';
const NORTH_EAST = 'north-east';
const PATH = [HUB, NORTH, NORTH_EAST];

const person = (userId: string, memberships: Array<[string, Role]> = []): Candidate => ({
  userId,
  orgMember: true,
  memberships: memberships.map(([tenantId, role]) => ({ tenantId, role })),
});
const propose = (kind: ReviewKind, lead: Candidate, reviewers: Candidate[] = []): TeamProposal => ({ kind, path: PATH, managerId: 'manager', lead, reviewers });

describe('an audit’s team', () => {
  it('is led by a PMO_LEAD or above of a tenant strictly above the project’s', () => {
    expect(teamProblem(propose(ReviewKind.AUDIT, person('a', [[NORTH, Role.PMO_LEAD]])))).toBeNull();
    expect(teamProblem(propose(ReviewKind.AUDIT, person('a', [[HUB, Role.ORG_ADMIN]])))).toBeNull();
    // On the project's own tenant, however high: not from above.
    expect(teamProblem(propose(ReviewKind.AUDIT, person('a', [[NORTH_EAST, Role.ORG_ADMIN]])))).toMatchObject({ code: 'FORBIDDEN', field: 'leadId' });
    expect(teamProblem(propose(ReviewKind.AUDIT, person('a', [[NORTH, Role.PROJECT_MANAGER]])))).toMatchObject({ code: 'FORBIDDEN', field: 'leadId' });
    // A sibling branch's lead holds nothing on the path.
    expect(teamProblem(propose(ReviewKind.AUDIT, person('a')))).toMatchObject({ code: 'FORBIDDEN', field: 'leadId' });
  });

  it('never includes the project’s manager', () => {
    const lead = person('a', [[HUB, Role.PMO_LEAD]]);
    expect(teamProblem(propose(ReviewKind.AUDIT, person('manager', [[HUB, Role.PMO_LEAD]])))).toMatchObject({ code: 'FORBIDDEN', field: 'leadId' });
    expect(teamProblem(propose(ReviewKind.AUDIT, lead, [person('manager', [[NORTH_EAST, Role.PROJECT_MANAGER]])]))).toMatchObject({
      code: 'FORBIDDEN',
      field: 'reviewerIds',
    });
  });
});

describe('a peer review’s team', () => {
  it('comes from another branch: no membership covering the project’s tenant', () => {
    expect(teamProblem(propose(ReviewKind.PEER_REVIEW, person('a'), [person('b')]))).toBeNull();
    expect(teamProblem(propose(ReviewKind.PEER_REVIEW, person('a', [[HUB, Role.VIEWER]])))).toMatchObject({ code: 'FORBIDDEN', field: 'leadId' });
    expect(teamProblem(propose(ReviewKind.PEER_REVIEW, person('a'), [person('b', [[NORTH_EAST, Role.VIEWER]])]))).toMatchObject({
      code: 'FORBIDDEN',
      field: 'reviewerIds',
    });
  });
});

describe('a health check’s team', () => {
  it('is led by a PMO_LEAD or above of the project’s tenant or an ancestor', () => {
    expect(teamProblem(propose(ReviewKind.HEALTH_CHECK, person('a', [[NORTH_EAST, Role.PMO_LEAD]])))).toBeNull();
    expect(teamProblem(propose(ReviewKind.HEALTH_CHECK, person('a', [[HUB, Role.ORG_ADMIN]])))).toBeNull();
    expect(teamProblem(propose(ReviewKind.HEALTH_CHECK, person('a', [[NORTH_EAST, Role.VIEWER]])))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('every team', () => {
  it('belongs to the organization: a stranger is bad input, named by field', () => {
    const stranger = { ...person('x'), orgMember: false };
    for (const kind of Object.values(ReviewKind)) {
      expect(teamProblem(propose(kind, stranger))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leadId' });
      expect(teamProblem(propose(kind, person('a', [[HUB, Role.PMO_LEAD]]), [stranger]))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reviewerIds' });
    }
  });
});

describe('a review’s state', () => {
  it('reads IN_PROGRESS from its planned day (UTC) on, and stays as stored otherwise', () => {
    expect(reviewState(ReviewState.PLANNED, '2026-03-10', '2026-03-09')).toBe(ReviewState.PLANNED);
    expect(reviewState(ReviewState.PLANNED, '2026-03-10', '2026-03-10')).toBe(ReviewState.IN_PROGRESS);
    expect(reviewState(ReviewState.IN_PROGRESS, '2026-03-10', '2026-03-01')).toBe(ReviewState.IN_PROGRESS);
    expect(reviewState(ReviewState.CLOSED, '2026-03-10', '2026-04-01')).toBe(ReviewState.CLOSED);
  });
});

describe('an action', () => {
  it('is overdue from the day after its due date while OPEN', () => {
    expect(isOverdue(ActionState.OPEN, '2026-02-28', '2026-02-28')).toBe(false);
    expect(isOverdue(ActionState.OPEN, '2026-02-28', '2026-03-01')).toBe(true);
    expect(isOverdue(ActionState.OPEN, '2024-02-29', '2024-03-01')).toBe(true);
    expect(isOverdue(ActionState.DONE, '2026-02-28', '2026-03-01')).toBe(false);
    expect(isOverdue(ActionState.VERIFIED, '2026-02-28', '2027-01-01')).toBe(false);
  });

  it('is completed by its owner or a PROJECT_MANAGER or above', () => {
    expect(completeProblem({ callerId: 'o', callerRole: null, ownerId: 'o' })).toBeNull();
    expect(completeProblem({ callerId: 'x', callerRole: Role.PROJECT_MANAGER, ownerId: 'o' })).toBeNull();
    expect(completeProblem({ callerId: 'x', callerRole: Role.EXECUTIVE, ownerId: 'o' })).not.toBeNull();
    expect(completeProblem({ callerId: 'x', callerRole: null, ownerId: null })).not.toBeNull();
  });

  it('is verified by the review’s lead (or, for a gate condition, a PMO_LEAD or above), never its owner', () => {
    expect(verifyProblem({ callerId: 'lead', callerRole: null, ownerId: 'o', reviewLeadId: 'lead' })).toBeNull();
    expect(verifyProblem({ callerId: 'x', callerRole: Role.ORG_ADMIN, ownerId: 'o', reviewLeadId: 'lead' })).toMatch(/lead/);
    expect(verifyProblem({ callerId: 'lead', callerRole: null, ownerId: 'lead', reviewLeadId: 'lead' })).toMatch(/owner/);
    expect(verifyProblem({ callerId: 'x', callerRole: Role.PMO_LEAD, ownerId: 'o', reviewLeadId: null })).toBeNull();
    expect(verifyProblem({ callerId: 'x', callerRole: Role.PROJECT_MANAGER, ownerId: 'o', reviewLeadId: null })).not.toBeNull();
    expect(verifyProblem({ callerId: 'o', callerRole: Role.ORG_ADMIN, ownerId: 'o', reviewLeadId: null })).toMatch(/owner/);
  });
});

describe('closing a review', () => {
  const finding = (severity: FindingSeverity, ...states: ActionState[]) => ({ severity, actions: states.map((state) => ({ state })) });

  it('waits for every action of its HIGH and CRITICAL findings to be VERIFIED', () => {
    expect(closeProblem([])).toBeNull();
    expect(
      closeProblem([finding(FindingSeverity.HIGH, ActionState.VERIFIED), finding(FindingSeverity.CRITICAL, ActionState.VERIFIED, ActionState.VERIFIED)]),
    ).toBeNull();
    expect(closeProblem([finding(FindingSeverity.HIGH, ActionState.VERIFIED, ActionState.DONE)])).toMatch(/^1 action/);
    expect(closeProblem([finding(FindingSeverity.CRITICAL, ActionState.OPEN), finding(FindingSeverity.HIGH, ActionState.OPEN)])).toMatch(/^2 action/);
  });

  it('does not wait for LOW and MEDIUM findings’ actions', () => {
    expect(closeProblem([finding(FindingSeverity.LOW, ActionState.OPEN), finding(FindingSeverity.MEDIUM, ActionState.DONE)])).toBeNull();
  });
});

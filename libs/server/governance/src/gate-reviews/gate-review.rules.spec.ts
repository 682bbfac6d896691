import fc from 'fast-check';
import { Role } from '@pmo/shared';
import { errorCode } from '@pmo/testing';
import { checkConditions, checkCriteria, CriterionStatus, GateDecision, GateReviewState, isApproval, resolveVotes, voterProblem } from './gate-review.rules';

const { APPROVE, APPROVE_WITH_CONDITIONS, RECYCLE, REJECT } = GateDecision;

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
};

describe('vote resolution', () => {
  it('stays SUBMITTED until the quorum is in', () => {
    expect(resolveVotes([], 1)).toBe(GateReviewState.SUBMITTED);
    expect(resolveVotes([REJECT], 2)).toBe(GateReviewState.SUBMITTED);
    expect(resolveVotes([APPROVE, APPROVE], 3)).toBe(GateReviewState.SUBMITTED);
  });

  it('lets the most cautious vote decide: REJECT > RECYCLE > APPROVE_WITH_CONDITIONS > APPROVE', () => {
    expect(resolveVotes([APPROVE], 1)).toBe(GateReviewState.APPROVED);
    expect(resolveVotes([APPROVE, APPROVE_WITH_CONDITIONS], 2)).toBe(GateReviewState.APPROVED_WITH_CONDITIONS);
    expect(resolveVotes([APPROVE_WITH_CONDITIONS, RECYCLE, APPROVE], 3)).toBe(GateReviewState.RECYCLED);
    expect(resolveVotes([RECYCLE, REJECT], 2)).toBe(GateReviewState.REJECTED);
    expect(resolveVotes([REJECT, APPROVE, APPROVE], 3)).toBe(GateReviewState.REJECTED);
  });

  it('does not depend on the order of the votes (property)', () => {
    const decision = fc.constantFrom(APPROVE, APPROVE_WITH_CONDITIONS, RECYCLE, REJECT);
    fc.assert(
      fc.property(fc.array(decision, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 8 }), (votes, quorum) => {
        const reversed = [...votes].reverse();
        return resolveVotes(votes, quorum) === resolveVotes(reversed, quorum);
      }),
    );
  });

  it('approves only with APPROVED or APPROVED_WITH_CONDITIONS', () => {
    expect(Object.values(GateReviewState).filter(isApproval)).toEqual([GateReviewState.APPROVED, GateReviewState.APPROVED_WITH_CONDITIONS]);
  });
});

describe('a submission’s criteria', () => {
  const gate = ['Charter', 'Business case'];

  it('are the gate’s deliverables, each once, in the gate’s order', () => {
    const criteria = checkCriteria(gate, [
      { criterion: 'Business case', status: CriterionStatus.WAIVED, comment: 'Covered by the programme' },
      { criterion: 'Charter', status: CriterionStatus.MET, evidence: 'https://docs/charter' },
    ]);
    expect(criteria).toEqual([
      { criterion: 'Charter', status: CriterionStatus.MET, evidence: 'https://docs/charter', comment: null },
      { criterion: 'Business case', status: CriterionStatus.WAIVED, evidence: null, comment: 'Covered by the programme' },
    ]);
    expect(checkCriteria([], [])).toEqual([]);
  });

  it('refuse an unknown criterion, a repeated one and a missing deliverable', () => {
    const met = (criterion: string) => ({ criterion, status: CriterionStatus.MET, evidence: 'e' });
    expect(errorCode(() => checkCriteria(gate, [met('Charter'), met('Business case'), met('Budget')]))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkCriteria(gate, [met('Charter'), met('Charter'), met('Business case')]))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkCriteria(gate, [met('Charter')]))).toBe('BAD_USER_INPUT');
  });

  it('need evidence for MET and a comment for WAIVED; UNMET needs neither', () => {
    expect(errorCode(() => checkCriteria(['Charter'], [{ criterion: 'Charter', status: CriterionStatus.MET }]))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkCriteria(['Charter'], [{ criterion: 'Charter', status: CriterionStatus.WAIVED, evidence: 'e' }]))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkCriteria(['Charter'], [{ criterion: 'Charter', status: CriterionStatus.UNMET }]))).toBe('OK');
    expect(thrown(() => checkCriteria(['Charter'], [{ criterion: 'Charter', status: CriterionStatus.MET, evidence: null }]))).toMatchObject({
      details: { field: 'evidence', index: 0 },
    });
  });
});

describe('who may vote', () => {
  const standing = { voterId: 'v', role: Role.PMO_LEAD, approverRole: Role.PMO_LEAD, managerId: 'm', submittedBy: 's' };

  it('takes at least the gate’s approver role on the project’s path', () => {
    expect(voterProblem(standing)).toBeNull();
    expect(voterProblem({ ...standing, role: Role.ORG_ADMIN })).toBeNull();
    expect(voterProblem({ ...standing, role: Role.PROJECT_MANAGER })).toMatch(/PMO_LEAD or above/);
    expect(voterProblem({ ...standing, role: null })).not.toBeNull();
    expect(voterProblem({ ...standing, role: Role.EXECUTIVE, approverRole: Role.EXECUTIVE })).toBeNull();
  });

  it('is never the project’s manager nor the submitter, whatever their role', () => {
    expect(voterProblem({ ...standing, role: Role.ORG_ADMIN, voterId: 'm' })).toMatch(/manager/);
    expect(voterProblem({ ...standing, role: Role.ORG_ADMIN, voterId: 's' })).toMatch(/submitter/);
  });
});

describe('a vote’s conditions', () => {
  const condition = { description: 'Fix the plan', dueDate: '2026-05-01' };

  it('come with APPROVE_WITH_CONDITIONS, at least one, and with nothing else', () => {
    expect(errorCode(() => checkConditions(APPROVE_WITH_CONDITIONS, [condition]))).toBe('OK');
    expect(errorCode(() => checkConditions(APPROVE_WITH_CONDITIONS, []))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkConditions(APPROVE_WITH_CONDITIONS, null))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkConditions(APPROVE, [condition]))).toBe('BAD_USER_INPUT');
    expect(errorCode(() => checkConditions(REJECT, undefined))).toBe('OK');
  });
});

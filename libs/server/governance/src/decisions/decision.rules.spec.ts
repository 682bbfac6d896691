import { ProjectState } from '@pmo/shared';
import { errorCode } from '@pmo/testing';
import { DecisionKind, decisionOutcome } from './decision.rules';

const { PROPOSED, ACTIVE, ON_HOLD, COMPLETED, CANCELLED } = ProjectState;

describe('a decision’s outcome', () => {
  it('holds, cancels, resumes or leaves the project as the contract says', () => {
    expect(decisionOutcome(DecisionKind.HOLD, ACTIVE)).toBe(ON_HOLD);
    expect(decisionOutcome(DecisionKind.HOLD, ON_HOLD)).toBe(ON_HOLD);
    expect(decisionOutcome(DecisionKind.CANCEL, ACTIVE)).toBe(CANCELLED);
    expect(decisionOutcome(DecisionKind.CANCEL, ON_HOLD)).toBe(CANCELLED);
    expect(decisionOutcome(DecisionKind.CANCEL, PROPOSED)).toBe(CANCELLED);
    expect(decisionOutcome(DecisionKind.CONTINUE, ON_HOLD)).toBe(ACTIVE);
    expect(decisionOutcome(DecisionKind.CONTINUE, ACTIVE)).toBe(ACTIVE);
    expect(decisionOutcome(DecisionKind.CONTINUE, PROPOSED)).toBe(PROPOSED);
    for (const state of [PROPOSED, ACTIVE, ON_HOLD]) expect(decisionOutcome(DecisionKind.RESCOPE, state)).toBe(state);
  });

  it('refuses any decision on a closed project and holding one not started', () => {
    for (const kind of Object.values(DecisionKind)) {
      expect(errorCode(() => decisionOutcome(kind, COMPLETED))).toBe('BAD_USER_INPUT');
      expect(errorCode(() => decisionOutcome(kind, CANCELLED))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(() => decisionOutcome(DecisionKind.HOLD, PROPOSED))).toBe('BAD_USER_INPUT');
  });
});

import { ProjectState } from '@pmo/shared';
import { checkPageSize, isClosed, likePattern, mayTransition, milestonesOf, phasesOf } from './project.rules';
import { errorCode } from '@pmo/testing';

describe('project life cycle', () => {
  const all = Object.values(ProjectState);
  const allowed = new Set([
    'PROPOSED>ACTIVE',
    'PROPOSED>CANCELLED',
    'ACTIVE>ON_HOLD',
    'ACTIVE>COMPLETED',
    'ACTIVE>CANCELLED',
    'ON_HOLD>ACTIVE',
    'ON_HOLD>CANCELLED',
  ]);

  it('allows exactly the listed transitions', () => {
    for (const from of all) for (const to of all) expect(mayTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('closes completed and cancelled projects', () => {
    expect(all.filter(isClosed)).toEqual([ProjectState.COMPLETED, ProjectState.CANCELLED]);
  });
});

describe('list paging', () => {
  it('bounds the page size', () => {
    expect(checkPageSize(undefined)).toBe(50);
    expect(checkPageSize(1000)).toBe(1000);
    for (const bad of [0, -1, 1001, 1.5]) expect(errorCode(() => checkPageSize(bad))).toBe('BAD_USER_INPUT');
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('following a methodology', () => {
  const snapshot = {
    phases: [
      { name: 'Initiate', gate: { name: 'G1', deliverables: ['Charter'], approverRole: 'PMO_LEAD' } },
      { name: 'Deliver', gate: null },
    ],
    milestones: [
      { name: 'Charter signed', phase: 'Initiate', offsetDays: 14 },
      { name: 'Kick-off', phase: 3 },
    ],
  };

  it('copies phases with their gates, in order', () => {
    expect(phasesOf(snapshot)).toEqual([
      { position: 0, name: 'Initiate', gateName: 'G1', gateDeliverables: ['Charter'], gateApproverRole: 'PMO_LEAD' },
      { position: 1, name: 'Deliver', gateName: null, gateDeliverables: [], gateApproverRole: null },
    ]);
    expect(phasesOf({})).toEqual([]);
    expect(errorCode(() => phasesOf({ phases: [{ name: '' }] }))).toBe('BAD_USER_INPUT');
  });

  it('dates milestones from the start date', () => {
    expect(milestonesOf(snapshot, '2026-01-20')).toEqual([
      { name: 'Charter signed', phase: 'Initiate', dueDate: '2026-02-03' },
      { name: 'Kick-off', phase: null, dueDate: '2026-01-20' },
    ]);
    expect(errorCode(() => milestonesOf({ milestones: [{ name: 'Half', offsetDays: 1.5 }] }, '2026-01-20'))).toBe('BAD_USER_INPUT');
  });
});

import { Role } from '@pmo/shared';
import { DomainError } from '@pmo/core';
import { checkMethodology } from './methodology.rules';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const { code, details } = error as DomainError;
    return { code, field: details?.field };
  }
  return 'OK';
};

describe('methodologies', () => {
  const gate = (name: string) => ({ name, deliverables: [' Charter '], approverRole: Role.PMO_LEAD });
  const phases = [
    { name: ' Initiate ', gate: gate('G1') },
    { name: 'Deliver', gate: gate('G2') },
  ];

  it('normalize a valid definition, defaulting the cadence to MONTHLY on day 5 with 5 grace days and each quorum to 1', () => {
    expect(checkMethodology({ phases, milestones: [{ name: 'Kick-off', phase: 'Initiate', offsetDays: 0 }] })).toEqual({
      phases: [
        { name: 'Initiate', gate: { name: 'G1', deliverables: ['Charter'], approverRole: Role.PMO_LEAD, quorum: 1, minApproverLevel: 0 } },
        { name: 'Deliver', gate: { name: 'G2', deliverables: ['Charter'], approverRole: Role.PMO_LEAD, quorum: 1, minApproverLevel: 0 } },
      ],
      milestones: [{ name: 'Kick-off', phase: 'Initiate', offsetDays: 0 }],
      cadence: { frequency: 'MONTHLY', dueDay: 5, graceDays: 5 },
    });
  });

  it('need at least one phase, with unique names', () => {
    expect(failure(() => checkMethodology({ phases: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'phases' });
    expect(failure(() => checkMethodology({ phases: [...phases, { name: 'deliver', gate: gate('G3') }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'phases.name',
    });
    expect(failure(() => checkMethodology({ phases: [{ name: 'P', gate: { ...gate(' '), deliverables: [] } }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'phases.gate.name',
    });
  });

  it('place every milestone in an existing phase, on a whole day from the start', () => {
    expect(failure(() => checkMethodology({ phases, milestones: [{ name: 'M', phase: 'Close', offsetDays: 3 }] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'milestones.phase',
    });
    for (const offsetDays of [-1, 1.5, 3651]) {
      expect(failure(() => checkMethodology({ phases, milestones: [{ name: 'M', phase: 'Deliver', offsetDays }] }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'milestones.offsetDays',
      });
    }
  });

  it('want a due day every month has', () => {
    expect(checkMethodology({ phases, cadence: { dueDay: 28 } }).cadence.dueDay).toBe(28);
    for (const dueDay of [0, 29, 2.5]) {
      expect(failure(() => checkMethodology({ phases, cadence: { dueDay } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'cadence.dueDay' });
    }
  });

  it('keep grace days from 0 to 28', () => {
    expect(checkMethodology({ phases, cadence: { graceDays: 0 } }).cadence.graceDays).toBe(0);
    expect(checkMethodology({ phases, cadence: { graceDays: 28 } }).cadence.graceDays).toBe(28);
    for (const graceDays of [-1, 29, 1.5]) {
      expect(failure(() => checkMethodology({ phases, cadence: { graceDays } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'cadence.graceDays' });
    }
  });

  it('name a gate after its phase, approved by a PMO_LEAD with a quorum of 1, unless told otherwise', () => {
    const [phase] = checkMethodology({ phases: [{ name: 'Plan', gate: { deliverables: [] } }] }).phases;
    expect(phase.gate).toEqual({ name: 'Plan', deliverables: [], approverRole: Role.PMO_LEAD, quorum: 1, minApproverLevel: 0 });
    expect(checkMethodology({ phases: [{ name: 'Plan', gate: { deliverables: [], quorum: 3 } }] }).phases[0].gate.quorum).toBe(3);
    for (const quorum of [0, 51, 1.5]) {
      expect(failure(() => checkMethodology({ phases: [{ name: 'Plan', gate: { deliverables: [], quorum } }] }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'phases.gate.quorum',
      });
    }
  });

  it('ask a competency level of 0 to 5 of a gate’s voters, none by default', () => {
    expect(checkMethodology({ phases: [{ name: 'Plan', gate: { deliverables: [], minApproverLevel: 5 } }] }).phases[0].gate.minApproverLevel).toBe(5);
    for (const minApproverLevel of [-1, 6, 2.5]) {
      expect(failure(() => checkMethodology({ phases: [{ name: 'Plan', gate: { deliverables: [], minApproverLevel } }] }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'phases.gate.minApproverLevel',
      });
    }
  });
});

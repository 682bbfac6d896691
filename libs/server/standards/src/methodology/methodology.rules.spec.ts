import { Role } from '@pmo/shared';
import { DomainError } from '@pmo/core';
import { checkMethodology, MethodologyDefinition } from './methodology.rules';

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
  const phases: MethodologyDefinition['phases'] = [
    { name: ' Initiate ', gate: gate('G1') },
    { name: 'Deliver', gate: gate('G2') },
  ];

  it('normalize a valid definition, defaulting the cadence to MONTHLY on day 5', () => {
    expect(checkMethodology({ phases, milestones: [{ name: 'Kick-off', phase: 'Initiate', offsetDays: 0 }] })).toEqual({
      phases: [
        { name: 'Initiate', gate: { name: 'G1', deliverables: ['Charter'], approverRole: Role.PMO_LEAD } },
        { name: 'Deliver', gate: { name: 'G2', deliverables: ['Charter'], approverRole: Role.PMO_LEAD } },
      ],
      milestones: [{ name: 'Kick-off', phase: 'Initiate', offsetDays: 0 }],
      cadence: { frequency: 'MONTHLY', dueDay: 5 },
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
});

import { Role } from '@pmo/shared';
import { AllocationState, capacityMisfits, initialState, mayAllocate, mayManagePool, overCapacity } from './resource.rules';

const HUB = 'hub';
const NORTH = 'north';
const SOUTH = 'south';
const northPath = [HUB, NORTH];
const southPath = [HUB, SOUTH];

describe('the resource pool’s rules', () => {
  it('lets PMO_LEADs and ORG_ADMINs of the home tenant or above manage the pool, no one else', () => {
    expect(mayManagePool([{ tenantId: NORTH, role: Role.PMO_LEAD }], northPath)).toBe(true);
    expect(mayManagePool([{ tenantId: HUB, role: Role.ORG_ADMIN }], northPath)).toBe(true);
    expect(mayManagePool([{ tenantId: NORTH, role: Role.PROJECT_MANAGER }], northPath)).toBe(false);
    expect(mayManagePool([{ tenantId: HUB, role: Role.EXECUTIVE }], northPath)).toBe(false);
    expect(mayManagePool([{ tenantId: SOUTH, role: Role.PMO_LEAD }], northPath)).toBe(false);
  });

  it('lets the project’s manager or a PMO_LEAD above the project allocate', () => {
    const project = { path: southPath, managerId: 'pm' };
    expect(mayAllocate([{ tenantId: SOUTH, role: Role.PROJECT_MANAGER }], 'pm', project)).toBe(true);
    expect(mayAllocate([{ tenantId: SOUTH, role: Role.PROJECT_MANAGER }], 'other-pm', project)).toBe(false);
    expect(mayAllocate([{ tenantId: HUB, role: Role.PMO_LEAD }], 'lead', project)).toBe(true);
    expect(mayAllocate([{ tenantId: NORTH, role: Role.PMO_LEAD }], 'lead', project)).toBe(false);
  });

  it('approves at home (the home tenant’s subtree) and requests elsewhere', () => {
    expect(initialState(NORTH, [HUB, NORTH, 'north-child'])).toBe(AllocationState.APPROVED);
    expect(initialState(NORTH, northPath)).toBe(AllocationState.APPROVED);
    expect(initialState(NORTH, southPath)).toBe(AllocationState.REQUESTED);
    // A resource homed at a spoke lent to a hub project is a request too: the hub is not the spoke's subtree.
    expect(initialState(NORTH, [HUB])).toBe(AllocationState.REQUESTED);
  });

  it('fits HARD hours against approved HARD hours, exactly to the hundredth', () => {
    const weeks = [
      { week: '2026-W52', hardHours: 30 },
      { week: '2026-W53', hardHours: 30.1 },
      { week: '2027-W01', hardHours: 0 },
    ];
    expect(capacityMisfits(40, weeks, 10)).toEqual([{ week: '2026-W53', capacityHours: 40, hardHours: 30.1, hoursPerWeek: 10, overBy: 0.1 }]);
    expect(capacityMisfits(40, weeks, 9.9)).toEqual([]);
    // 0.1 + 0.2 is not above 0.3 here, whatever floating point says.
    expect(capacityMisfits(0.3, [{ week: '2026-W01', hardHours: 0.1 }], 0.2)).toEqual([]);
    expect(capacityMisfits(40, weeks, 40.5).map((m) => m.week)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });

  it('answers CONFLICT naming the weeks and hours that do not fit', () => {
    const error = overCapacity(capacityMisfits(40, [{ week: '2026-W48', hardHours: 32 }], 16));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('HARD allocation exceeds capacity in 1 week(s): 2026-W48 (32 of 40 h booked, 8 h over)');
    expect(error.details).toEqual({ field: 'hoursPerWeek', weeks: [{ week: '2026-W48', capacityHours: 40, hardHours: 32, hoursPerWeek: 16, overBy: 8 }] });
  });
});

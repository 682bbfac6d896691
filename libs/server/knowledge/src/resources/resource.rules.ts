// The shared resource pool's rules, pure: who may create, allocate and decide, where an
// allocation starts (APPROVED at home, REQUESTED elsewhere), and whether a HARD allocation
// fits a resource's weeks.
import { atLeast, DomainError, effectiveRole, MembershipGrant } from '@pmo/core';
import { Role } from '@pmo/shared';

export enum AllocationKind {
  SOFT = 'SOFT',
  HARD = 'HARD',
}

export enum AllocationState {
  APPROVED = 'APPROVED',
  REQUESTED = 'REQUESTED',
  REJECTED = 'REJECTED',
}

/** Resources are homed, and requests decided, by a PMO_LEAD or ORG_ADMIN of the home tenant or an ancestor. */
export function mayManagePool(grants: readonly MembershipGrant[], homePath: readonly string[]): boolean {
  return atLeast(effectiveRole(grants, homePath), Role.PMO_LEAD);
}

/**
 * Who staffs a project: its manager (whatever their role, since they run it), or a
 * PMO_LEAD or ORG_ADMIN of the project's tenant or an ancestor. Not any PROJECT_MANAGER of
 * the branch: they manage their own projects, not their colleagues'.
 */
export function mayAllocate(grants: readonly MembershipGrant[], userId: string, project: { path: readonly string[]; managerId: string | null }): boolean {
  return project.managerId === userId || atLeast(effectiveRole(grants, project.path), Role.PMO_LEAD);
}

/** Within the home tenant's subtree an allocation holds at once; elsewhere the home PMO decides. */
export function initialState(homeTenantId: string, projectPath: readonly string[]): AllocationState {
  return projectPath.includes(homeTenantId) ? AllocationState.APPROVED : AllocationState.REQUESTED;
}

export interface BookedWeek {
  week: string;
  /** Hours of the resource's APPROVED HARD allocations that week (the one being decided excluded). */
  hardHours: number;
}

export interface Misfit {
  week: string;
  capacityHours: number;
  hardHours: number;
  hoursPerWeek: number;
  /** How many hours do not fit. */
  overBy: number;
}

/** Hours in exact hundredths: inputs have at most two decimals, so sums never drift. */
const cents = (hours: number) => Math.round(hours * 100);

/**
 * The weeks where `hoursPerWeek` more HARD hours would exceed the capacity. Only approved
 * HARD hours count against it: SOFT ones are tentative (the week shows as over-allocated
 * instead) and requested ones hold nothing until approved, when they are checked again.
 */
export function capacityMisfits(capacityHours: number, weeks: readonly BookedWeek[], hoursPerWeek: number): Misfit[] {
  return weeks
    .filter((w) => cents(w.hardHours) + cents(hoursPerWeek) > cents(capacityHours))
    .map((w) => ({
      week: w.week,
      capacityHours,
      hardHours: w.hardHours,
      hoursPerWeek,
      overBy: (cents(w.hardHours) + cents(hoursPerWeek) - cents(capacityHours)) / 100,
    }));
}

/** CONFLICT naming the weeks and hours that do not fit, in the message and in extensions.weeks. */
export function overCapacity(misfits: readonly Misfit[]): DomainError {
  const shown = misfits
    .slice(0, 5)
    .map((m) => `${m.week} (${m.hardHours} of ${m.capacityHours} h booked, ${m.overBy} h over)`)
    .join(', ');
  const more = misfits.length > 5 ? ` and ${misfits.length - 5} more` : '';
  return new DomainError('CONFLICT', `HARD allocation exceeds capacity in ${misfits.length} week(s): ${shown}${more}`, {
    field: 'hoursPerWeek',
    weeks: misfits,
  });
}

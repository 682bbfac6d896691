// The rules of projects that need no data: the life cycle, dates, list paging and search,
// and how a methodology version's snapshot becomes a project's phases and milestones.
import { ProjectState } from '@pmo/shared';
import { addDays, badInput } from '@pmo/core';

/** 1 to 50 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const PROJECT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;

export function checkDateRange(start: string | null, end: string | null): void {
  if (start && end && end < start) throw badInput('endDate must not be before startDate', { field: 'endDate' });
}

const TRANSITIONS: Record<ProjectState, readonly ProjectState[]> = {
  [ProjectState.PROPOSED]: [ProjectState.ACTIVE, ProjectState.CANCELLED],
  [ProjectState.ACTIVE]: [ProjectState.ON_HOLD, ProjectState.COMPLETED, ProjectState.CANCELLED],
  [ProjectState.ON_HOLD]: [ProjectState.ACTIVE, ProjectState.CANCELLED],
  [ProjectState.COMPLETED]: [],
  [ProjectState.CANCELLED]: [],
};

export function mayTransition(from: ProjectState, to: ProjectState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function checkTransition(from: ProjectState, to: ProjectState): void {
  if (!mayTransition(from, to)) throw badInput(`A project cannot go from ${from} to ${to}`, { field: 'to' });
}

/** Completed and cancelled projects are closed: they report nothing more. */
export function isClosed(state: ProjectState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** The states a project may be created in. */
export const INITIAL_STATES = [ProjectState.PROPOSED, ProjectState.ACTIVE];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return size;
}

/** `%`, `_` and `\` match themselves in an ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** A methodology version's snapshot as stored (jsonb): read defensively. */
export interface MethodologySnapshot {
  phases?: Array<{ name?: unknown; gate?: { name?: unknown; deliverables?: unknown; approverRole?: unknown } | null }>;
  milestones?: Array<{ name?: unknown; phase?: unknown; offsetDays?: unknown }>;
}

export interface CopiedPhase {
  position: number;
  name: string;
  gateName: string | null;
  gateDeliverables: string[];
  gateApproverRole: string | null;
}

export interface CopiedMilestone {
  name: string;
  phase: string | null;
  dueDate: string;
}

/** The phases (and their gates) a project following the snapshot starts with. */
export function phasesOf(snapshot: MethodologySnapshot): CopiedPhase[] {
  return (snapshot.phases ?? []).map((phase, position) => {
    if (typeof phase?.name !== 'string' || !phase.name) throw badInput('The methodology version has a phase without a name', { field: 'methodologyId' });
    const gate = phase.gate && typeof phase.gate.name === 'string' ? phase.gate : null;
    return {
      position,
      name: phase.name,
      gateName: gate ? (gate.name as string) : null,
      gateDeliverables: gate && Array.isArray(gate.deliverables) ? gate.deliverables.map(String) : [],
      gateApproverRole: gate && typeof gate.approverRole === 'string' ? gate.approverRole : null,
    };
  });
}

/** The milestones a project following the snapshot starts with, due from its start date. */
export function milestonesOf(snapshot: MethodologySnapshot, startDate: string): CopiedMilestone[] {
  return (snapshot.milestones ?? []).map((milestone) => {
    const offset = Number(milestone?.offsetDays ?? 0);
    if (typeof milestone?.name !== 'string' || !milestone.name || !Number.isInteger(offset)) {
      throw badInput('The methodology version has a malformed milestone', { field: 'methodologyId' });
    }
    return { name: milestone.name, phase: typeof milestone.phase === 'string' ? milestone.phase : null, dueDate: addDays(startDate, offset) };
  });
}

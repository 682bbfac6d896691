// A methodology's own rules, beyond the lifecycle: phases ending in gates, milestone
// templates placed in those phases, a reporting cadence. Pure, unit-tested: each check
// returns the normalized value or throws BAD_USER_INPUT naming the field.
import { Role } from '@pmo/shared';
import { badInput, checkText } from '@pmo/core';

export const MAX_PHASES = 50;
export const MAX_MILESTONES = 200;
export const MAX_DELIVERABLES = 50;
export const MAX_OFFSET_DAYS = 3650;
export const MAX_GRACE_DAYS = 28;
export const MAX_QUORUM = 50;
/** The highest competency level a gate may ask of its voters (levels are 0 to 5). */
export const MAX_APPROVER_LEVEL = 5;

export enum ReportingFrequency {
  MONTHLY = 'MONTHLY',
}

/** methodologies.definition and methodology_versions.snapshot (which projects read): keep its shape. */
export interface MethodologyDefinition {
  phases: Array<{ name: string; gate: PhaseGate }>;
  milestones: Array<{ name: string; phase: string; offsetDays: number }>;
  cadence: ReportingCadence;
}

export interface PhaseGate {
  name: string;
  deliverables: string[];
  approverRole: Role;
  quorum: number;
  /** The competency level (0 to 5) a voter must hold; 0 asks for none. */
  minApproverLevel: number;
}

export interface ReportingCadence {
  frequency: ReportingFrequency;
  dueDay: number;
  graceDays: number;
}

export const DEFAULT_CADENCE: ReportingCadence = { frequency: ReportingFrequency.MONTHLY, dueDay: 5, graceDays: 5 };
export const DEFAULT_QUORUM = 1;
/** Who approves a gate the methodology names no approver for. */
export const DEFAULT_APPROVER_ROLE = Role.PMO_LEAD;

/** What a methodology's author gives for a gate: the name, approver and quorum have defaults. */
export interface PhaseGateDraft {
  name?: string | null;
  deliverables: string[];
  approverRole?: Role | null;
  quorum?: number | null;
  minApproverLevel?: number | null;
}

/**
 * A definition as stored, with the fields added since it was written (a gate's quorum and minimum approver level, a
 * cadence's grace days) at their defaults: a definition or snapshot written before them reads as it behaved.
 */
export function withDefaults(definition: MethodologyDefinition): MethodologyDefinition {
  return {
    phases: definition.phases.map((phase) => ({
      ...phase,
      gate: { ...phase.gate, quorum: phase.gate.quorum ?? DEFAULT_QUORUM, minApproverLevel: phase.gate.minApproverLevel ?? 0 },
    })),
    milestones: definition.milestones,
    cadence: { ...definition.cadence, graceDays: definition.cadence.graceDays ?? DEFAULT_CADENCE.graceDays },
  };
}

/**
 * A methodology's phases, milestones and cadence, normalized: at least one phase, phase
 * names unique (ignoring case), every milestone in a phase that exists, offsets in whole
 * days from the project's start, a due day every month has.
 */
export function checkMethodology(input: {
  phases: Array<{ name: string; gate: PhaseGateDraft }>;
  milestones?: MethodologyDefinition['milestones'] | null;
  cadence?: { frequency?: ReportingFrequency | null; dueDay?: number | null; graceDays?: number | null } | null;
}): MethodologyDefinition {
  if (!input.phases.length) throw badInput('a methodology has at least one phase', { field: 'phases' });
  if (input.phases.length > MAX_PHASES) throw badInput(`a methodology has at most ${MAX_PHASES} phases`, { field: 'phases' });
  const seen = new Set<string>();
  const phases = input.phases.map((phase) => {
    const name = checkText(phase.name, 'phases.name');
    if (seen.has(name.toLowerCase())) throw badInput(`phase "${name}" appears twice`, { field: 'phases.name' });
    seen.add(name.toLowerCase());
    if (phase.gate.deliverables.length > MAX_DELIVERABLES) {
      throw badInput(`a gate has at most ${MAX_DELIVERABLES} deliverables`, { field: 'phases.gate.deliverables' });
    }
    const approverRole = phase.gate.approverRole ?? DEFAULT_APPROVER_ROLE;
    if (!Object.values(Role).includes(approverRole)) throw badInput('approverRole is not a role', { field: 'phases.gate.approverRole' });
    const quorum = phase.gate.quorum ?? DEFAULT_QUORUM;
    if (!Number.isInteger(quorum) || quorum < 1 || quorum > MAX_QUORUM) {
      throw badInput(`a gate's quorum is a whole number of votes from 1 to ${MAX_QUORUM}`, { field: 'phases.gate.quorum' });
    }
    const minApproverLevel = phase.gate.minApproverLevel ?? 0;
    if (!Number.isInteger(minApproverLevel) || minApproverLevel < 0 || minApproverLevel > MAX_APPROVER_LEVEL) {
      throw badInput(`a gate's minApproverLevel is a competency level from 0 to ${MAX_APPROVER_LEVEL}`, { field: 'phases.gate.minApproverLevel' });
    }
    return {
      name,
      gate: {
        name: phase.gate.name == null ? name : checkText(phase.gate.name, 'phases.gate.name'),
        deliverables: phase.gate.deliverables.map((deliverable) => checkText(deliverable, 'phases.gate.deliverables')),
        approverRole,
        quorum,
        minApproverLevel,
      },
    };
  });
  const phaseNames = new Set(phases.map((phase) => phase.name));
  const milestones = (input.milestones ?? []).map((milestone) => {
    const name = checkText(milestone.name, 'milestones.name');
    const phase = milestone.phase.trim();
    if (!phaseNames.has(phase)) throw badInput(`milestone "${name}" names phase "${phase}", which does not exist`, { field: 'milestones.phase' });
    if (!Number.isInteger(milestone.offsetDays) || milestone.offsetDays < 0 || milestone.offsetDays > MAX_OFFSET_DAYS) {
      throw badInput(`offsetDays must be a whole number of days from 0 to ${MAX_OFFSET_DAYS}`, { field: 'milestones.offsetDays' });
    }
    return { name, phase, offsetDays: milestone.offsetDays };
  });
  if (milestones.length > MAX_MILESTONES) throw badInput(`a methodology has at most ${MAX_MILESTONES} milestones`, { field: 'milestones' });
  const frequency = input.cadence?.frequency ?? DEFAULT_CADENCE.frequency;
  if (!Object.values(ReportingFrequency).includes(frequency)) throw badInput('cadence.frequency is not supported', { field: 'cadence.frequency' });
  const dueDay = input.cadence?.dueDay ?? DEFAULT_CADENCE.dueDay;
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 28) throw badInput('cadence.dueDay must be a day from 1 to 28', { field: 'cadence.dueDay' });
  const graceDays = input.cadence?.graceDays ?? DEFAULT_CADENCE.graceDays;
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
    throw badInput(`cadence.graceDays must be a whole number of days from 0 to ${MAX_GRACE_DAYS}`, { field: 'cadence.graceDays' });
  }
  return { phases, milestones, cadence: { frequency, dueDay, graceDays } };
}

// A methodology's own rules, beyond the lifecycle: phases ending in gates, milestone
// templates placed in those phases, a reporting cadence. Pure, unit-tested: each check
// returns the normalized value or throws BAD_USER_INPUT naming the field.
import { Role } from '@pmo/shared';
import { badInput, checkText } from '@pmo/core';

export const MAX_PHASES = 50;
export const MAX_MILESTONES = 200;
export const MAX_DELIVERABLES = 50;
export const MAX_OFFSET_DAYS = 3650;

export enum ReportingFrequency {
  MONTHLY = 'MONTHLY',
}

/** methodologies.definition and methodology_versions.snapshot (which projects read): keep its shape. */
export interface MethodologyDefinition {
  phases: Array<{ name: string; gate: { name: string; deliverables: string[]; approverRole: Role } }>;
  milestones: Array<{ name: string; phase: string; offsetDays: number }>;
  cadence: { frequency: ReportingFrequency; dueDay: number };
}

export const DEFAULT_CADENCE = { frequency: ReportingFrequency.MONTHLY, dueDay: 5 };

/**
 * A methodology's phases, milestones and cadence, normalized: at least one phase, phase
 * names unique (ignoring case), every milestone in a phase that exists, offsets in whole
 * days from the project's start, a due day every month has.
 */
export function checkMethodology(input: {
  phases: MethodologyDefinition['phases'];
  milestones?: MethodologyDefinition['milestones'] | null;
  cadence?: Partial<MethodologyDefinition['cadence']> | null;
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
    if (!Object.values(Role).includes(phase.gate.approverRole)) throw badInput('approverRole is not a role', { field: 'phases.gate.approverRole' });
    return {
      name,
      gate: {
        name: checkText(phase.gate.name, 'phases.gate.name'),
        deliverables: phase.gate.deliverables.map((deliverable) => checkText(deliverable, 'phases.gate.deliverables')),
        approverRole: phase.gate.approverRole,
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
  return { phases, milestones, cadence: { frequency, dueDay } };
}

// Input rules for standards: pure, unit-tested. Each returns the normalized value or
// throws BAD_USER_INPUT naming the field, so a service validates before it writes.
import { KpiDirection, Role } from '@pmo/shared';
import { badInput, checkText } from '@pmo/core';

export const KPI_KEY = /^[a-z][a-z0-9_]{1,62}$/;
export const MAX_TEMPLATE_BODY_BYTES = 100 * 1024;
export const MAX_PHASES = 50;
export const MAX_MILESTONES = 200;
export const MAX_DELIVERABLES = 50;
export const MAX_OFFSET_DAYS = 3650;

export function checkKey(key: string): string {
  if (!KPI_KEY.test(key)) {
    throw badInput('key must start with a lowercase letter, then 1 to 62 lowercase letters, digits or underscores', { field: 'key' });
  }
  return key;
}

/** A required single-line text: trimmed, 1 to `max` characters. */
export interface Thresholds {
  greenThreshold: number | null;
  amberThreshold: number | null;
}

/**
 * RAG thresholds come as a pair or not at all, and green must sit on the better side of
 * amber: at or above it when higher is better, at or below it when lower is better.
 */
export function checkThresholds(direction: KpiDirection, green: number | null | undefined, amber: number | null | undefined): Thresholds {
  const g = green ?? null;
  const a = amber ?? null;
  if ((g === null) !== (a === null)) {
    throw badInput('greenThreshold and amberThreshold are given together or not at all', { field: g === null ? 'greenThreshold' : 'amberThreshold' });
  }
  if (g === null || a === null) return { greenThreshold: null, amberThreshold: null };
  if (!Number.isFinite(g)) throw badInput('greenThreshold must be a finite number', { field: 'greenThreshold' });
  if (!Number.isFinite(a)) throw badInput('amberThreshold must be a finite number', { field: 'amberThreshold' });
  if (direction === KpiDirection.HIGHER_IS_BETTER && g < a) {
    throw badInput('greenThreshold must be at least amberThreshold when higher is better', { field: 'greenThreshold' });
  }
  if (direction === KpiDirection.LOWER_IS_BETTER && g > a) {
    throw badInput('greenThreshold must be at most amberThreshold when lower is better', { field: 'greenThreshold' });
  }
  return { greenThreshold: g, amberThreshold: a };
}

/** The titles of a Markdown document's level-2 headings (`## Title`), outside code fences. */
export function sectionsOf(markdown: string): string[] {
  const sections: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (!heading) continue;
    // A closing sequence of #s (`## Scope ##`) is not part of the title.
    const title = (heading[1] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
    if (title) sections.push(title);
  }
  return sections;
}

export function checkTemplateBody(body: string): string {
  if (Buffer.byteLength(body, 'utf8') > MAX_TEMPLATE_BODY_BYTES) {
    throw badInput(`body must be at most ${MAX_TEMPLATE_BODY_BYTES / 1024} KB`, { field: 'body' });
  }
  return body;
}

export enum ReportingFrequency {
  MONTHLY = 'MONTHLY',
}

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

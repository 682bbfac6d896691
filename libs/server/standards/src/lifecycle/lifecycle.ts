// The life cycle every versioned standard (KPI definitions, methodologies, document
// templates) follows, as pure rules: a standard is created as a DRAFT, PUBLISHED once,
// RETIRED once published. A draft is edited in place; editing a published standard makes
// it its next version at once; a retired one never changes again.
import { StandardStatus } from '@pmo/shared';
import { badInput } from '@pmo/core';

export type LifecycleStep = 'publish' | 'retire';

const STEPS: Record<LifecycleStep, { from: StandardStatus; to: StandardStatus; done: string }> = {
  publish: { from: StandardStatus.DRAFT, to: StandardStatus.PUBLISHED, done: 'published' },
  retire: { from: StandardStatus.PUBLISHED, to: StandardStatus.RETIRED, done: 'retired' },
};

/**
 * Where a standard is in force besides at its owner: in the owner's whole subtree, once
 * published (at its owner it is in force in every status, drafts included).
 */
export const IN_FORCE_BELOW_OWNER = StandardStatus.PUBLISHED;

/** The status `step` takes a standard in `status` to; BAD_USER_INPUT when the step does not start there. */
export function statusAfter(step: LifecycleStep, status: StandardStatus, noun: string): StandardStatus {
  const { from, to, done } = STEPS[step];
  if (status !== from) throw badInput(`Only a ${from.toLowerCase()} ${noun} can be ${done}; this one is ${status}`, { field: 'id' });
  return to;
}

/**
 * The version a standard in `status` at `version` has once edited: the same for a draft,
 * the next for a published one (which stays published); BAD_USER_INPUT once retired.
 */
export function versionAfterEdit(status: StandardStatus, version: number, noun: string): number {
  if (status === StandardStatus.RETIRED) throw badInput(`A retired ${noun} cannot be changed`, { field: 'id' });
  return status === StandardStatus.PUBLISHED ? version + 1 : version;
}

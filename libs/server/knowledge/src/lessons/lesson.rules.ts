// The rules of lessons that need no data: the life cycle, who may take each step, the
// shape of tags and of a search query.
import { atLeast, badInput, conflict } from '@pmo/core';
import { Role } from '@pmo/shared';

export enum LessonState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}

export enum LessonVisibility {
  BRANCH = 'BRANCH',
  ORGANIZATION = 'ORGANIZATION',
}

export enum LessonStep {
  SUBMIT = 'SUBMIT',
  PUBLISH = 'PUBLISH',
  RETIRE = 'RETIRE',
}

const STEPS: Record<LessonStep, { from: LessonState; to: LessonState }> = {
  [LessonStep.SUBMIT]: { from: LessonState.DRAFT, to: LessonState.SUBMITTED },
  [LessonStep.PUBLISH]: { from: LessonState.SUBMITTED, to: LessonState.PUBLISHED },
  [LessonStep.RETIRE]: { from: LessonState.PUBLISHED, to: LessonState.RETIRED },
};

/** The state after `step`; CONFLICT when the lesson is not where the step starts. */
export function lessonStep(state: LessonState, step: LessonStep): LessonState {
  const { from, to } = STEPS[step];
  if (state !== from) throw conflict(`A ${state} lesson cannot be ${to.toLowerCase()}: only a ${from} one`);
  return to;
}

/** Who acts on a lesson, as the rules see them: their role on the project's tenant path, and whether they wrote it or manage the project. */
export interface LessonActor {
  role: Role | null;
  isAuthor: boolean;
  isManager: boolean;
}

/** Written on a project by its manager, or by a PMO_LEAD or ORG_ADMIN of its tenant or an ancestor. */
export function mayWrite(actor: Omit<LessonActor, 'isAuthor'>): boolean {
  return actor.isManager || atLeast(actor.role, Role.PMO_LEAD);
}

/** Submitted by its author or by whoever may write on the project; published and retired by a PMO_LEAD or above. */
export function mayTake(step: LessonStep, actor: LessonActor): boolean {
  if (step === LessonStep.SUBMIT) return actor.isAuthor || mayWrite(actor);
  return atLeast(actor.role, Role.PMO_LEAD);
}

/** A tag: lower-case letters and digits in words joined by single dashes, at most 40 characters. */
export const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_TAGS = 20;

/** Tags as given, once each, in order; BAD_USER_INPUT naming the field for an unknown format. */
export function checkTags(tags: readonly string[] | null | undefined, field = 'tags'): string[] {
  if (!tags) return [];
  if (tags.length > MAX_TAGS) throw badInput(`At most ${MAX_TAGS} tags`, { field });
  for (const tag of tags) {
    if (tag.length > 40 || !TAG.test(tag)) throw badInput(`Tag "${tag}" is not lower-case words joined by dashes (e.g. "vendor-management")`, { field });
  }
  return [...new Set(tags)];
}

export const MAX_QUERY = 500;

/**
 * A search query as typed (websearch syntax: words, "quoted phrases", -excluded, or):
 * trimmed, 1 to 500 characters, with at least one letter or digit. What the database's
 * parser keeps of it (stop words alone keep nothing) is checked against the organization's
 * configuration by the service.
 */
export function checkSearchQuery(query: string): string {
  const text = query.trim();
  if (text.length < 1 || text.length > MAX_QUERY) throw badInput(`query must be 1 to ${MAX_QUERY} characters`, { field: 'query' });
  if (!/[\p{L}\p{N}]/u.test(text)) throw badInput('query has no word to search for, only operators', { field: 'query' });
  return text;
}

export const MAX_HITS = 100;

export function checkFirst(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_HITS) throw badInput(`first must be 1 to ${MAX_HITS}`, { field: 'first' });
  return size;
}

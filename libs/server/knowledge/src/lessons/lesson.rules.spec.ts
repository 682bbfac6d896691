import { Role } from '@pmo/shared';
import { errorCode } from '@pmo/testing';
import { checkFirst, checkSearchQuery, checkTags, LessonState, LessonStep, lessonStep, mayTake, mayWrite } from './lesson.rules';

const { DRAFT, SUBMITTED, PUBLISHED, RETIRED } = LessonState;
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { details?: { field?: string } }).details?.field;
  }
  return undefined;
};

describe('a lesson’s life cycle', () => {
  it('goes DRAFT → SUBMITTED → PUBLISHED → RETIRED, one step at a time', () => {
    expect(lessonStep(DRAFT, LessonStep.SUBMIT)).toBe(SUBMITTED);
    expect(lessonStep(SUBMITTED, LessonStep.PUBLISH)).toBe(PUBLISHED);
    expect(lessonStep(PUBLISHED, LessonStep.RETIRE)).toBe(RETIRED);
  });

  it('refuses every other step as a CONFLICT', () => {
    const allowed = new Set(['DRAFT:SUBMIT', 'SUBMITTED:PUBLISH', 'PUBLISHED:RETIRE']);
    for (const state of Object.values(LessonState)) {
      for (const step of Object.values(LessonStep)) {
        if (allowed.has(`${state}:${step}`)) continue;
        expect(`${state}:${step}:${errorCode(() => lessonStep(state, step))}`).toBe(`${state}:${step}:CONFLICT`);
      }
    }
  });
});

describe('who may act on a lesson', () => {
  const nobody = { role: null, isAuthor: false, isManager: false };

  it('is written by the project’s manager or a PMO_LEAD or ORG_ADMIN above the project', () => {
    expect(mayWrite({ role: Role.VIEWER, isManager: true })).toBe(true);
    expect(mayWrite({ role: Role.PMO_LEAD, isManager: false })).toBe(true);
    expect(mayWrite({ role: Role.ORG_ADMIN, isManager: false })).toBe(true);
    for (const role of [Role.PROJECT_MANAGER, Role.EXECUTIVE, Role.VIEWER, null]) expect(mayWrite({ role, isManager: false })).toBe(false);
  });

  it('is submitted by its author or a writer, published and retired by a PMO_LEAD or above only', () => {
    expect(mayTake(LessonStep.SUBMIT, { ...nobody, isAuthor: true })).toBe(true);
    expect(mayTake(LessonStep.SUBMIT, { ...nobody, isManager: true })).toBe(true);
    expect(mayTake(LessonStep.SUBMIT, { ...nobody, role: Role.PROJECT_MANAGER })).toBe(false);
    for (const step of [LessonStep.PUBLISH, LessonStep.RETIRE]) {
      expect(mayTake(step, { role: Role.PROJECT_MANAGER, isAuthor: true, isManager: true })).toBe(false);
      expect(mayTake(step, { ...nobody, role: Role.EXECUTIVE })).toBe(false);
      expect(mayTake(step, { ...nobody, role: Role.PMO_LEAD })).toBe(true);
      expect(mayTake(step, { ...nobody, role: Role.ORG_ADMIN })).toBe(true);
    }
  });
});

describe('tags', () => {
  it('keeps lower-case dashed words once each, in order', () => {
    expect(checkTags(['vendor-management', 'procurement', 'vendor-management', 'q3'])).toEqual(['vendor-management', 'procurement', 'q3']);
    expect(checkTags(undefined)).toEqual([]);
  });

  it('refuses any other format, and too many, naming the field', () => {
    for (const tag of ['Vendor', 'vendor management', '-vendor', 'vendor--x', 'vendor-', '', 'x'.repeat(41), 'été']) {
      expect([tag, fieldOf(() => checkTags([tag]))]).toEqual([tag, 'tags']);
    }
    expect(errorCode(() => checkTags(Array.from({ length: 21 }, (_, i) => `t${i}`)))).toBe('BAD_USER_INPUT');
  });
});

describe('a search query', () => {
  it('is trimmed and kept as typed, operators and phrases included', () => {
    expect(checkSearchQuery('  vendor -hardware ')).toBe('vendor -hardware');
    expect(checkSearchQuery('"late delivery" or vendor')).toBe('"late delivery" or vendor');
  });

  it('refuses an empty, oversized or operators-only query on the field query', () => {
    for (const query of ['', '   ', '- -', '""', '" - "', '-', 'x'.repeat(501)]) {
      expect([query, errorCode(() => checkSearchQuery(query)), fieldOf(() => checkSearchQuery(query))]).toEqual([query, 'BAD_USER_INPUT', 'query']);
    }
  });

  it('asks for 1 to 100 hits', () => {
    expect(checkFirst(undefined, 20)).toBe(20);
    expect(checkFirst(100, 20)).toBe(100);
    for (const first of [0, -1, 101, 1.5]) expect(fieldOf(() => checkFirst(first, 20))).toBe('first');
  });
});

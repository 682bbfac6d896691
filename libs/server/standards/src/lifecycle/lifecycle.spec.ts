import { StandardStatus } from '@pmo/shared';
import { DomainError } from '@pmo/core';
import { LifecycleStep, statusAfter, versionAfterEdit } from './lifecycle';

const { DRAFT, PUBLISHED, RETIRED } = StandardStatus;

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const { code, message, details } = error as DomainError;
    return { code, message, field: details?.field };
  }
  return 'allowed';
};

describe('the standards lifecycle', () => {
  it('publishes drafts and retires published standards, nothing else', () => {
    const steps: Array<[LifecycleStep, StandardStatus, StandardStatus | null]> = [
      ['publish', DRAFT, PUBLISHED],
      ['publish', PUBLISHED, null],
      ['publish', RETIRED, null],
      ['retire', DRAFT, null],
      ['retire', PUBLISHED, RETIRED],
      ['retire', RETIRED, null],
    ];
    for (const [step, from, to] of steps) {
      if (to) expect(statusAfter(step, from, 'methodology')).toBe(to);
      else expect(refusal(() => statusAfter(step, from, 'methodology'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    }
  });

  it('names the standard and its status when a step does not apply', () => {
    expect(refusal(() => statusAfter('publish', RETIRED, 'KPI definition'))).toMatchObject({
      message: 'Only a draft KPI definition can be published; this one is RETIRED',
    });
    expect(refusal(() => statusAfter('retire', DRAFT, 'document template'))).toMatchObject({
      message: 'Only a published document template can be retired; this one is DRAFT',
    });
  });

  it('edits a draft in place and makes an edited published standard its next version', () => {
    expect(versionAfterEdit(DRAFT, 1, 'methodology')).toBe(1);
    expect(versionAfterEdit(PUBLISHED, 1, 'methodology')).toBe(2);
    expect(versionAfterEdit(PUBLISHED, 7, 'methodology')).toBe(8);
  });

  it('never changes a retired standard', () => {
    expect(refusal(() => versionAfterEdit(RETIRED, 3, 'KPI definition'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'A retired KPI definition cannot be changed',
      field: 'id',
    });
  });
});

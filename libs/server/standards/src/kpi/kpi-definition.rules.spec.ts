import { KpiDirection } from '@pmo/shared';
import { DomainError } from '@pmo/core';
import { checkThresholds } from './kpi-definition.rules';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const { code, details } = error as DomainError;
    return { code, field: details?.field };
  }
  return 'OK';
};

const { HIGHER_IS_BETTER, LOWER_IS_BETTER } = KpiDirection;

describe('RAG thresholds', () => {
  it('come both or neither', () => {
    expect(checkThresholds(HIGHER_IS_BETTER, null, undefined)).toEqual({ greenThreshold: null, amberThreshold: null });
    expect(failure(() => checkThresholds(HIGHER_IS_BETTER, 1, null))).toEqual({ code: 'BAD_USER_INPUT', field: 'amberThreshold' });
    expect(failure(() => checkThresholds(LOWER_IS_BETTER, undefined, 3))).toEqual({ code: 'BAD_USER_INPUT', field: 'greenThreshold' });
  });

  it('put green on the better side of amber', () => {
    expect(checkThresholds(HIGHER_IS_BETTER, 0.95, 0.9)).toEqual({ greenThreshold: 0.95, amberThreshold: 0.9 });
    expect(checkThresholds(HIGHER_IS_BETTER, 1, 1)).toEqual({ greenThreshold: 1, amberThreshold: 1 });
    expect(failure(() => checkThresholds(HIGHER_IS_BETTER, 0.8, 0.9))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(checkThresholds(LOWER_IS_BETTER, 5, 10)).toEqual({ greenThreshold: 5, amberThreshold: 10 });
    expect(checkThresholds(LOWER_IS_BETTER, -2, -2)).toEqual({ greenThreshold: -2, amberThreshold: -2 });
    expect(failure(() => checkThresholds(LOWER_IS_BETTER, 10, 5))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('are finite numbers', () => {
    expect(failure(() => checkThresholds(HIGHER_IS_BETTER, Infinity, 1))).toEqual({ code: 'BAD_USER_INPUT', field: 'greenThreshold' });
    expect(failure(() => checkThresholds(LOWER_IS_BETTER, 1, NaN))).toEqual({ code: 'BAD_USER_INPUT', field: 'amberThreshold' });
  });
});

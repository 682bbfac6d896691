import { DomainError } from '../errors/domain-error';
import { checkPeriod, periodOf, periodProblem, periodsBetween, periodSpan } from './period';

describe('reporting periods', () => {
  it('accepts calendar months from 2000-01 to 2100-12', () => {
    for (const good of ['2000-01', '2026-12', '2100-06']) expect(periodProblem(good)).toBeNull();
  });

  it('refuses anything else with BAD_USER_INPUT naming the field', () => {
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '1999-12', '2101-01', '2026-01-01', '']) {
      expect(periodProblem(bad)).not.toBeNull();
      try {
        checkPeriod(bad, 'from');
        throw new Error('accepted');
      } catch (error) {
        expect((error as DomainError).code).toBe('BAD_USER_INPUT');
        expect((error as DomainError).message).toMatch(/^from /);
      }
    }
  });

  it('counts the months of a range inclusively', () => {
    expect(periodSpan('2026-01', '2026-01')).toBe(1);
    expect(periodSpan('2025-11', '2026-02')).toBe(4);
    expect(periodSpan('2026-02', '2026-01')).toBe(0);
  });

  it('name the UTC month of an instant and list the months between two periods', () => {
    expect(periodOf(new Date('2026-01-31T23:59:59.999Z'))).toBe('2026-01');
    expect(periodOf(new Date('2026-02-01T00:00:00.000Z'))).toBe('2026-02');
    expect(periodsBetween('2025-11', '2026-02', 12)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2025-11', '2026-02', 2)).toEqual(['2026-01', '2026-02']);
    expect(periodsBetween('2026-03', '2026-02', 12)).toEqual([]);
  });
});

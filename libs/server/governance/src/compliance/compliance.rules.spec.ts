import { ObligationState } from '../obligations/obligation.rules';
import { ComplianceFacts, complianceChecks, complianceScore, ComplianceRule, referenceInstant } from './compliance.rules';

const clean: ComplianceFacts = {
  period: '2026-01',
  obligation: ObligationState.FULFILLED,
  mandatoryMissing: [],
  lateMilestones: [],
  followsMethodology: true,
  unpassedGates: [],
  overdueActions: [],
};
const rules = (facts: ComplianceFacts) => complianceChecks(facts).map((check) => check.rule);
const failed = (facts: ComplianceFacts) => complianceChecks(facts).filter((check) => !check.met);

describe('compliance checks', () => {
  it('applies GATES_PASSED only to projects that follow a methodology', () => {
    expect(rules(clean)).toEqual([
      ComplianceRule.REPORT_ON_TIME,
      ComplianceRule.MANDATORY_KPIS_REPORTED,
      ComplianceRule.MILESTONES_ON_TIME,
      ComplianceRule.GATES_PASSED,
      ComplianceRule.ACTIONS_ON_TIME,
    ]);
    expect(rules({ ...clean, followsMethodology: false })).not.toContain(ComplianceRule.GATES_PASSED);
  });

  it('meets REPORT_ON_TIME when the report is FULFILLED, WAIVED or still DUE, and fails it otherwise with the state', () => {
    for (const state of [ObligationState.FULFILLED, ObligationState.WAIVED, ObligationState.DUE]) expect(failed({ ...clean, obligation: state })).toEqual([]);
    for (const state of [ObligationState.LATE, ObligationState.MISSING, ObligationState.FULFILLED_LATE]) {
      const [check] = failed({ ...clean, obligation: state, mandatoryMissing: [] });
      expect(check).toEqual({ rule: ComplianceRule.REPORT_ON_TIME, met: false, detail: `The report for 2026-01 is ${state}` });
    }
  });

  it('meets MANDATORY_KPIS_REPORTED while the report is DUE, whatever is missing', () => {
    const missing = { ...clean, mandatoryMissing: ['cpi', 'spi'] };
    expect(failed({ ...missing, obligation: ObligationState.DUE })).toEqual([]);
    expect(failed(missing)).toEqual([{ rule: ComplianceRule.MANDATORY_KPIS_REPORTED, met: false, detail: 'No value for cpi, spi' }]);
    expect(failed({ ...missing, obligation: ObligationState.WAIVED }).map((c) => c.rule)).toEqual([ComplianceRule.MANDATORY_KPIS_REPORTED]);
  });

  it('names what failed for milestones, gates and actions, and nothing for met checks', () => {
    const facts = { ...clean, lateMilestones: ['Design'], unpassedGates: ['Gate 1', 'Gate 2'], overdueActions: ['Fix the plan'] };
    expect(failed(facts).map((c) => [c.rule, c.detail])).toEqual([
      [ComplianceRule.MILESTONES_ON_TIME, 'Late milestones: Design'],
      [ComplianceRule.GATES_PASSED, 'Gates not passed: Gate 1, Gate 2'],
      [ComplianceRule.ACTIONS_ON_TIME, 'Overdue actions: Fix the plan'],
    ]);
    expect(complianceChecks(clean).every((c) => c.met && c.detail === null)).toBe(true);
  });

  it('scores the share of applicable checks met', () => {
    expect(complianceScore(complianceChecks(clean))).toBe(1);
    expect(complianceScore(complianceChecks({ ...clean, obligation: ObligationState.MISSING, mandatoryMissing: ['cpi'] }))).toBeCloseTo(3 / 5);
    expect(complianceScore(complianceChecks({ ...clean, followsMethodology: false, lateMilestones: ['x'] }))).toBe(3 / 4);
    expect(complianceScore([])).toBe(1);
  });
});

describe('the reference instant of a period', () => {
  it('is the end of a past period and now during (or before) the period', () => {
    const now = new Date('2026-03-10T08:00:00Z');
    expect(referenceInstant('2026-01', now).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(referenceInstant('2024-02', now).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(referenceInstant('2026-03', now)).toBe(now);
    expect(referenceInstant('2026-05', now)).toBe(now);
    // The instant the period ends is already the end.
    expect(referenceInstant('2026-02', new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});

import fc from 'fast-check';
import { countStates, dueAt, graceEnd, ObligationFacts, obligationState, ObligationState } from './obligation.rules';

const at = (iso: string) => new Date(iso);
const facts = (period: string, overrides: Partial<ObligationFacts> = {}): ObligationFacts => ({
  dueAt: dueAt(period, 5),
  graceDays: 5,
  firstSubmittedAt: null,
  waivedAt: null,
  ...overrides,
});

describe('when a report falls due', () => {
  it('is the end of day dueDay (UTC) of the month after the period', () => {
    expect(dueAt('2026-01', 5).toISOString()).toBe('2026-02-06T00:00:00.000Z');
    expect(dueAt('2026-03', 1).toISOString()).toBe('2026-04-02T00:00:00.000Z');
  });

  it('crosses the year end: December is due in January of the next year', () => {
    expect(dueAt('2026-12', 5).toISOString()).toBe('2027-01-06T00:00:00.000Z');
  });

  it('follows February’s length in leap and common years', () => {
    expect(dueAt('2024-01', 28).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(dueAt('2023-01', 28).toISOString()).toBe('2023-03-01T00:00:00.000Z');
    // Grace runs over the month end: 28 February 2024 + 5 days is 4 March (29 February exists).
    expect(graceEnd(dueAt('2024-01', 28), 5).toISOString()).toBe('2024-03-05T00:00:00.000Z');
    expect(graceEnd(dueAt('2023-01', 28), 5).toISOString()).toBe('2023-03-06T00:00:00.000Z');
  });

  it('is the same instant whatever offset the clock that asks is in', () => {
    const due = dueAt('2026-01', 5);
    // 23:59 on 5 February in New York is 04:59 on the 6th in UTC: past the due time.
    expect(obligationState(facts('2026-01'), at('2026-02-05T23:59:00-05:00'))).toBe(ObligationState.LATE);
    // 00:30 on 6 February in Paris is still 23:30 on the 5th in UTC.
    expect(obligationState(facts('2026-01'), at('2026-02-06T00:30:00+01:00'))).toBe(ObligationState.DUE);
    expect(due.getTime()).toBe(Date.UTC(2026, 1, 6));
  });
});

describe('an obligation’s state as of an instant', () => {
  const period = '2026-01';

  it('is DUE until the due time, LATE through the grace days, then MISSING', () => {
    expect(obligationState(facts(period), at('2026-01-15T00:00:00Z'))).toBe(ObligationState.DUE);
    expect(obligationState(facts(period), at('2026-02-05T23:59:59.999Z'))).toBe(ObligationState.DUE);
    expect(obligationState(facts(period), at('2026-02-06T00:00:00.000Z'))).toBe(ObligationState.LATE);
    expect(obligationState(facts(period), at('2026-02-10T23:59:59.999Z'))).toBe(ObligationState.LATE);
    expect(obligationState(facts(period), at('2026-02-11T00:00:00.000Z'))).toBe(ObligationState.MISSING);
  });

  it('goes straight from DUE to MISSING without grace days', () => {
    const none = facts(period, { graceDays: 0 });
    expect(obligationState(none, at('2026-02-05T23:59:59.999Z'))).toBe(ObligationState.DUE);
    expect(obligationState(none, at('2026-02-06T00:00:00.000Z'))).toBe(ObligationState.MISSING);
  });

  it('is owed before the period has even begun', () => {
    expect(obligationState(facts(period), at('2025-12-20T00:00:00Z'))).toBe(ObligationState.DUE);
  });

  it('is FULFILLED when first submitted before the due time, FULFILLED_LATE at or after it', () => {
    expect(obligationState(facts(period, { firstSubmittedAt: at('2026-02-05T23:59:59.999Z') }), at('2026-03-01T00:00:00Z'))).toBe(ObligationState.FULFILLED);
    expect(obligationState(facts(period, { firstSubmittedAt: at('2026-02-06T00:00:00.000Z') }), at('2026-03-01T00:00:00Z'))).toBe(
      ObligationState.FULFILLED_LATE,
    );
    // Submitted long after the grace days: late, not missing.
    expect(obligationState(facts(period, { firstSubmittedAt: at('2026-06-01T00:00:00Z') }), at('2026-07-01T00:00:00Z'))).toBe(ObligationState.FULFILLED_LATE);
  });

  it('ignores a submission that had not happened yet at the instant asked', () => {
    const submittedLate = facts(period, { firstSubmittedAt: at('2026-02-08T12:00:00Z') });
    expect(obligationState(submittedLate, at('2026-02-07T00:00:00Z'))).toBe(ObligationState.LATE);
    expect(obligationState(submittedLate, at('2026-02-08T12:00:00Z'))).toBe(ObligationState.FULFILLED_LATE);
    expect(obligationState(submittedLate, at('2026-02-01T00:00:00Z'))).toBe(ObligationState.DUE);
  });

  it('is WAIVED from the waiver on, and the waiver stands over a later submission', () => {
    const waived = facts(period, { waivedAt: at('2026-02-20T00:00:00Z') });
    expect(obligationState(waived, at('2026-02-19T00:00:00Z'))).toBe(ObligationState.MISSING);
    expect(obligationState(waived, at('2026-02-20T00:00:00Z'))).toBe(ObligationState.WAIVED);
    expect(obligationState({ ...waived, firstSubmittedAt: at('2026-03-01T00:00:00Z') }, at('2026-04-01T00:00:00Z'))).toBe(ObligationState.WAIVED);
  });

  it('never goes back once fulfilled, waived or missing as time passes (property)', () => {
    const instant = fc.date({ min: at('2025-12-01T00:00:00Z'), max: at('2026-06-01T00:00:00Z'), noInvalidDate: true });
    const order = [ObligationState.DUE, ObligationState.LATE, ObligationState.MISSING];
    fc.assert(
      fc.property(fc.option(instant), fc.option(instant), fc.integer({ min: 0, max: 30 }), instant, instant, (submitted, waived, graceDays, a, b) => {
        // A waiver is refused once the report is in: it only ever comes first.
        fc.pre(!(submitted && waived && waived > submitted));
        const f = facts(period, { graceDays, firstSubmittedAt: submitted, waivedAt: waived });
        const [early, late] = a <= b ? [a, b] : [b, a];
        const before = obligationState(f, early);
        const after = obligationState(f, late);
        if (order.includes(before) && order.includes(after)) return order.indexOf(after) >= order.indexOf(before);
        // A settled state (fulfilled or waived) stays settled.
        return !order.includes(before) ? before === after : true;
      }),
    );
  });
});

describe('a summary of states', () => {
  it('counts each state and the total', () => {
    expect(
      countStates([
        ObligationState.DUE,
        ObligationState.LATE,
        ObligationState.LATE,
        ObligationState.MISSING,
        ObligationState.FULFILLED,
        ObligationState.FULFILLED_LATE,
        ObligationState.WAIVED,
      ]),
    ).toEqual({ expected: 7, due: 1, late: 2, missing: 1, fulfilled: 1, fulfilledLate: 1, waived: 1 });
    expect(countStates([])).toEqual({ expected: 0, due: 0, late: 0, missing: 0, fulfilled: 0, fulfilledLate: 0, waived: 0 });
  });
});

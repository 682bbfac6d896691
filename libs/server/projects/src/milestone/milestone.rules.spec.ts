import { milestoneStatus, MilestoneStatus } from './milestone.rules';

describe('milestone status', () => {
  it('is DONE once completed, LATE after its due date, OPEN until then', () => {
    expect(milestoneStatus('2026-01-10', '2026-02-01', '2026-03-01')).toBe(MilestoneStatus.DONE);
    expect(milestoneStatus('2026-01-10', null, '2026-01-10')).toBe(MilestoneStatus.OPEN);
    expect(milestoneStatus('2026-01-10', null, '2026-01-11')).toBe(MilestoneStatus.LATE);
    expect(milestoneStatus('2026-01-10', null, '2025-12-31')).toBe(MilestoneStatus.OPEN);
  });
});

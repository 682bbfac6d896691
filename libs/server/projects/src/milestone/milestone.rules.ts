// Milestone status: derived from the dates, never stored.

export enum MilestoneStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  LATE = 'LATE',
}

/** `today` is YYYY-MM-DD: a milestone is late from the day after its due date. */
export function milestoneStatus(dueDate: string, completedOn: string | null, today: string): MilestoneStatus {
  if (completedOn) return MilestoneStatus.DONE;
  return dueDate < today ? MilestoneStatus.LATE : MilestoneStatus.OPEN;
}

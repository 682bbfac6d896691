// Stage-gate reviews as pure rules: which criteria a submission must carry, who may vote,
// and how the votes decide. The most cautious vote decides once the quorum is in.
import { Role } from '@pmo/shared';
import { atLeast, badInput } from '@pmo/core';

export enum CriterionStatus {
  MET = 'MET',
  UNMET = 'UNMET',
  WAIVED = 'WAIVED',
}

export enum GateDecision {
  APPROVE = 'APPROVE',
  APPROVE_WITH_CONDITIONS = 'APPROVE_WITH_CONDITIONS',
  RECYCLE = 'RECYCLE',
  REJECT = 'REJECT',
}

export enum GateReviewState {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  APPROVED_WITH_CONDITIONS = 'APPROVED_WITH_CONDITIONS',
  RECYCLED = 'RECYCLED',
  REJECTED = 'REJECTED',
}

/** Least cautious first. */
const CAUTION: readonly GateDecision[] = [GateDecision.APPROVE, GateDecision.APPROVE_WITH_CONDITIONS, GateDecision.RECYCLE, GateDecision.REJECT];

const OUTCOME: Record<GateDecision, GateReviewState> = {
  [GateDecision.APPROVE]: GateReviewState.APPROVED,
  [GateDecision.APPROVE_WITH_CONDITIONS]: GateReviewState.APPROVED_WITH_CONDITIONS,
  [GateDecision.RECYCLE]: GateReviewState.RECYCLED,
  [GateDecision.REJECT]: GateReviewState.REJECTED,
};

/** SUBMITTED until `quorum` votes are in; then the most cautious vote's outcome. */
export function resolveVotes(decisions: readonly GateDecision[], quorum: number): GateReviewState {
  if (decisions.length < quorum) return GateReviewState.SUBMITTED;
  const cautious = decisions.reduce((a, b) => (CAUTION.indexOf(b) > CAUTION.indexOf(a) ? b : a));
  return OUTCOME[cautious];
}

export function isApproval(state: GateReviewState): boolean {
  return state === GateReviewState.APPROVED || state === GateReviewState.APPROVED_WITH_CONDITIONS;
}

export interface CriterionInput {
  criterion: string;
  status: CriterionStatus;
  evidence?: string | null;
  comment?: string | null;
}

export interface Criterion {
  criterion: string;
  status: CriterionStatus;
  evidence: string | null;
  comment: string | null;
}

/**
 * The submission's criteria in the gate's order: exactly the gate's deliverables, each
 * once; MET carries evidence, WAIVED a comment. BAD_USER_INPUT naming the field otherwise.
 */
export function checkCriteria(deliverables: readonly string[], criteria: readonly CriterionInput[]): Criterion[] {
  const given = new Map<string, CriterionInput>();
  for (const [index, item] of criteria.entries()) {
    if (!deliverables.includes(item.criterion)) {
      throw badInput(`"${item.criterion}" is not a deliverable of this gate`, { field: 'criterion', index });
    }
    if (given.has(item.criterion)) throw badInput(`"${item.criterion}" is given twice`, { field: 'criterion', index });
    if (item.status === CriterionStatus.MET && !item.evidence) {
      throw badInput(`"${item.criterion}" is MET without evidence`, { field: 'evidence', index });
    }
    if (item.status === CriterionStatus.WAIVED && !item.comment) {
      throw badInput(`"${item.criterion}" is WAIVED without a comment`, { field: 'comment', index });
    }
    given.set(item.criterion, item);
  }
  const missing = deliverables.find((deliverable) => !given.has(deliverable));
  if (missing !== undefined) throw badInput(`The deliverable "${missing}" has no criterion`, { field: 'criteria' });
  return deliverables.map((deliverable) => {
    const item = given.get(deliverable) as CriterionInput;
    return { criterion: deliverable, status: item.status, evidence: item.evidence ?? null, comment: item.comment ?? null };
  });
}

export interface VoterStanding {
  voterId: string;
  /** The voter's highest role on the project's tenant path. */
  role: Role | null;
  approverRole: Role;
  managerId: string | null;
  submittedBy: string;
}

/** Why the voter may not vote on this review (FORBIDDEN), or null. */
export function voterProblem(standing: VoterStanding): string | null {
  if (!atLeast(standing.role, standing.approverRole)) return `Voting on this gate takes ${standing.approverRole} or above on the project's tenant`;
  if (standing.voterId === standing.managerId) return "The project's manager may not vote on its gate";
  if (standing.voterId === standing.submittedBy) return 'The submitter may not vote on the review';
  return null;
}

/** The conditions a vote carries: only APPROVE_WITH_CONDITIONS, which needs at least one. */
export function checkConditions(decision: GateDecision, conditions: readonly unknown[] | null | undefined): void {
  const count = conditions?.length ?? 0;
  if (decision === GateDecision.APPROVE_WITH_CONDITIONS && count === 0) {
    throw badInput('APPROVE_WITH_CONDITIONS needs at least one condition', { field: 'conditions' });
  }
  if (decision !== GateDecision.APPROVE_WITH_CONDITIONS && count > 0) {
    throw badInput('Only APPROVE_WITH_CONDITIONS carries conditions', { field: 'conditions' });
  }
}

/** A gate's approver when the methodology named none. */
export const DEFAULT_APPROVER = Role.PMO_LEAD;

/** A gate's quorum when the methodology names none. */
export const DEFAULT_QUORUM = 1;

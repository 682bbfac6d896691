// Audits, health checks and peer reviews as pure rules: who may lead and staff each kind
// (independence), the state a review reads as, when an action is overdue, who completes
// and who verifies an action, and when a review may close.
import { atLeast, effectiveRole } from '@pmo/core';
import { Role } from '@pmo/shared';
import { highestAbove, PathMembership } from '../common/roles';

export enum ReviewKind {
  AUDIT = 'AUDIT',
  HEALTH_CHECK = 'HEALTH_CHECK',
  PEER_REVIEW = 'PEER_REVIEW',
}

export enum ReviewState {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}

export enum FindingSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum ActionState {
  OPEN = 'OPEN',
  DONE = 'DONE',
  VERIFIED = 'VERIFIED',
}

/** A person named to a review team, as the independence rules see them. */
export interface Candidate {
  userId: string;
  /** Holds an active membership somewhere in the project's organization. */
  orgMember: boolean;
  /** Their active memberships on the project's tenant or its ancestors. */
  memberships: PathMembership[];
}

export interface TeamProposal {
  kind: ReviewKind;
  /** The project's tenant path, root first. */
  path: string[];
  managerId: string | null;
  lead: Candidate;
  reviewers: Candidate[];
}

export interface TeamProblem {
  /** FORBIDDEN for someone not independent or not qualified; BAD_USER_INPUT for someone outside the organization. */
  code: 'FORBIDDEN' | 'BAD_USER_INPUT';
  field: 'leadId' | 'reviewerIds';
  message: string;
}

/**
 * Whether the team may run the review:
 * - everyone belongs to the organization;
 * - AUDIT: led by a PMO_LEAD or above of a tenant strictly above the project's; nobody on
 *   the team manages the project;
 * - PEER_REVIEW: nobody on the team holds a membership that covers the project's tenant
 *   (another branch of the organization);
 * - HEALTH_CHECK: led by a PMO_LEAD or above of the project's tenant or an ancestor.
 */
export function teamProblem(proposal: TeamProposal): TeamProblem | null {
  const members: Array<[Candidate, TeamProblem['field']]> = [
    [proposal.lead, 'leadId'],
    ...proposal.reviewers.map((r) => [r, 'reviewerIds'] as [Candidate, TeamProblem['field']]),
  ];
  for (const [candidate, field] of members) {
    if (!candidate.orgMember) return { code: 'BAD_USER_INPUT', field, message: `${field}: ${candidate.userId} is not a member of the organization` };
  }
  const { lead, path } = proposal;
  switch (proposal.kind) {
    case ReviewKind.AUDIT: {
      if (!atLeast(highestAbove(lead.memberships, path), Role.PMO_LEAD)) {
        return { code: 'FORBIDDEN', field: 'leadId', message: "An audit is led by a PMO_LEAD or above of a tenant above the project's" };
      }
      const manager = members.find(([candidate]) => candidate.userId === proposal.managerId);
      if (manager) return { code: 'FORBIDDEN', field: manager[1], message: "The project's manager may not audit it" };
      return null;
    }
    case ReviewKind.PEER_REVIEW: {
      const insider = members.find(([candidate]) => candidate.memberships.length > 0);
      if (insider)
        return {
          code: 'FORBIDDEN',
          field: insider[1],
          message: `${insider[0].userId} holds a membership covering the project's tenant: peers come from another branch`,
        };
      return null;
    }
    case ReviewKind.HEALTH_CHECK:
      if (!atLeast(effectiveRole(lead.memberships, path), Role.PMO_LEAD)) {
        return { code: 'FORBIDDEN', field: 'leadId', message: "A health check is led by a PMO_LEAD or above of the project's tenant or an ancestor" };
      }
      return null;
  }
}

/** A review planned for a day that has come reads IN_PROGRESS; `today` is YYYY-MM-DD (UTC). */
export function reviewState(stored: ReviewState, plannedFor: string, today: string): ReviewState {
  return stored === ReviewState.PLANNED && plannedFor <= today ? ReviewState.IN_PROGRESS : stored;
}

/** Not DONE or VERIFIED and past its due date: overdue from the day after it (`today` YYYY-MM-DD, UTC). */
export function isOverdue(state: ActionState, dueDate: string, today: string): boolean {
  return state === ActionState.OPEN && dueDate < today;
}

/** Why the review may not close, or null: every action of its HIGH and CRITICAL findings must be VERIFIED. */
export function closeProblem(findings: ReadonlyArray<{ severity: FindingSeverity; actions: ReadonlyArray<{ state: ActionState }> }>): string | null {
  const unverified = findings
    .filter((finding) => finding.severity === FindingSeverity.HIGH || finding.severity === FindingSeverity.CRITICAL)
    .reduce((count, finding) => count + finding.actions.filter((action) => action.state !== ActionState.VERIFIED).length, 0);
  return unverified ? `${unverified} action(s) of HIGH or CRITICAL findings are not VERIFIED` : null;
}

export interface ActionActor {
  callerId: string;
  /** The caller's highest role on the project's tenant path. */
  callerRole: Role | null;
  ownerId: string | null;
}

/** Why the caller may not mark the action DONE (FORBIDDEN), or null: its owner, or whoever manages the project. */
export function completeProblem(actor: ActionActor): string | null {
  if (actor.callerId === actor.ownerId || atLeast(actor.callerRole, Role.PROJECT_MANAGER)) return null;
  return "An action is completed by its owner or a PROJECT_MANAGER or above of the project's tenant";
}

/**
 * Why the caller may not verify the action (FORBIDDEN), or null. Never its owner; a
 * finding's action by the review's lead, a gate condition by a PMO_LEAD or above.
 */
export function verifyProblem(actor: ActionActor & { reviewLeadId: string | null }): string | null {
  if (actor.callerId === actor.ownerId) return "An action's owner may not verify it";
  if (actor.reviewLeadId !== null) return actor.callerId === actor.reviewLeadId ? null : "A finding's action is verified by the review's lead";
  return atLeast(actor.callerRole, Role.PMO_LEAD) ? null : "A gate condition is verified by a PMO_LEAD or above of the project's tenant";
}

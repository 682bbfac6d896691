// Stage-gate reviews: the manager's side submits the gate that ends the current phase with
// every deliverable as a criterion; qualified voters vote; when the quorum is in, the most
// cautious vote decides, an approval moves the project to its next phase and conditions
// become corrective actions, all in the vote's transaction.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  atLeast,
  AuditService,
  badInput,
  ComplianceFeed,
  conflict,
  effectiveRole,
  forbidden,
  groupByKeys,
  ManagerCompetency,
  notFound,
  OutboxService,
  requestLoader,
  TenantDb,
} from '@pmo/core';
import { ProjectState, Role } from '@pmo/shared';
import { actionChanges, currentPeriodChange } from '../common/compliance-changes';
import { GovernanceAccess } from '../common/governance-access';
import { GovernedProjectRepository } from '../common/governed-project.repository';
import { GovernedProjectRow } from '../common/governed-project.sql';
import { GATE_REVIEW_DECIDED_JOB, GATE_REVIEW_SUBMITTED_JOB } from '../events/governance-events.jobs';
import { CorrectiveActionRepository, NewAction } from '../reviews/corrective-action.repository';
import { GateCriterionModel, GateReviewModel, GateVoteModel, SubmitGateReviewInput, VoteOnGateReviewInput } from './gate-review.model';
import { GateReviewRepository } from './gate-review.repository';
import {
  checkConditions,
  checkCriteria,
  DEFAULT_APPROVER,
  DEFAULT_QUORUM,
  GateDecision,
  GateReviewState,
  isApproval,
  resolveVotes,
  voterProblem,
} from './gate-review.rules';
import { GateReviewEntity } from './gate-review.entity';
import { VoteCondition } from './gate-review-vote.entity';

const toModel = (review: GateReviewEntity): GateReviewModel => ({
  id: review.id,
  projectId: review.projectId,
  phase: review.phase,
  gate: review.gate,
  state: review.state,
  submittedAt: review.submittedAt,
  decidedAt: review.decidedAt,
});

@Injectable()
export class GateReviewService {
  constructor(
    private readonly db: TenantDb,
    private readonly governance: GovernanceAccess,
    private readonly projects: GovernedProjectRepository,
    private readonly reviews: GateReviewRepository,
    private readonly actions: CorrectiveActionRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly compliance: ComplianceFeed,
    private readonly competency: ManagerCompetency,
  ) {}

  async submit(input: SubmitGateReviewInput): Promise<GateReviewModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      // Locked: submissions of one project's gates serialize, so "one open review per gate" holds.
      const project = await this.governance.project(em, input.projectId, { lock: true });
      const role = await this.governance.roleOn(em, project.path);
      if (role === null) throw notFound('Project');
      if (!atLeast(role, Role.PROJECT_MANAGER)) throw forbidden("Submitting a gate review takes PROJECT_MANAGER or above on the project's tenant");
      if (project.state !== ProjectState.ACTIVE) throw badInput(`The project is ${project.state}: only an ACTIVE project passes gates`, { field: 'projectId' });
      const phases = await this.projects.phases(em, project.id);
      const phase = phases.find((p) => p.name === project.currentPhase);
      if (!phase?.gateName) throw badInput('The project is not in a phase that ends with a gate', { field: 'projectId' });
      const criteria = checkCriteria(phase.deliverables, input.criteria);
      const existing = await this.reviews.openOrPassed(em, project.id, phase.position);
      if (existing.some((r) => r.state === GateReviewState.SUBMITTED)) throw conflict('A review of this gate is already open', { field: 'projectId' });
      if (existing.length) throw conflict('The project has passed this gate', { field: 'projectId' });
      const id = randomUUID();
      const scope = { tenantId: project.tenantId, orgId: project.orgId };
      const review = {
        id,
        projectId: project.id,
        ...scope,
        phasePosition: phase.position,
        phase: phase.name,
        gate: phase.gateName,
        approverRole: phase.approverRole ?? DEFAULT_APPROVER,
        quorum: phase.quorum ?? DEFAULT_QUORUM,
        submittedBy: userId,
      };
      await this.reviews.submit(
        em,
        review,
        criteria.map((criterion, position) => ({ reviewId: id, position, ...scope, ...criterion })),
      );
      await this.audit.record(em, { ...scope, entity: 'gate_review', entityId: id, action: 'submit', after: { ...review, criteria } });
      await this.outbox.publish(em, project.orgId, GATE_REVIEW_SUBMITTED_JOB, { tenantId: project.tenantId, reviewId: id, projectId: project.id });
      return this.read(em, id);
    });
  }

  async vote(input: VoteOnGateReviewInput): Promise<GateReviewModel> {
    return this.db.transaction(async (em) => {
      const voterId = this.governance.userId();
      const review = await this.reviews.lock(em, input.reviewId);
      if (!review) throw notFound('Gate review');
      const project = await this.governance.project(em, review.projectId, { lock: true });
      const memberships = await this.governance.memberships(em, project.path);
      const problem = voterProblem({
        voterId,
        role: effectiveRole(memberships, project.path),
        approverRole: review.approverRole,
        managerId: project.managerId,
        submittedBy: review.submittedBy,
      });
      if (problem) throw forbidden(problem);
      await this.checkApproverLevel(em, project, review, voterId);
      if (review.state !== GateReviewState.SUBMITTED) throw conflict(`The review is already decided (${review.state})`, { field: 'reviewId' });
      // A project held or cancelled since the submission passes no gate until it continues.
      if (project.state !== ProjectState.ACTIVE) throw conflict(`The project is ${project.state}: only an ACTIVE project passes gates`, { field: 'reviewId' });
      const votes = await this.reviews.votes(em, [review.id]);
      if (votes.some((vote) => vote.voterId === voterId)) throw conflict('You have already voted on this review', { field: 'reviewId' });
      checkConditions(input.decision, input.conditions);
      const conditions: VoteCondition[] = (input.conditions ?? []).map((c) => ({ description: c.description, ownerId: c.ownerId ?? null, dueDate: c.dueDate }));
      await this.checkOwners(
        em,
        project,
        conditions.map((c) => c.ownerId),
      );
      const scope = { tenantId: project.tenantId, orgId: project.orgId };
      await this.reviews.addVote(em, { reviewId: review.id, voterId, ...scope, decision: input.decision, comment: input.comment ?? null, conditions });
      await this.audit.record(em, {
        ...scope,
        entity: 'gate_review',
        entityId: review.id,
        action: 'vote',
        after: { voterId, decision: input.decision, comment: input.comment ?? null, conditions },
      });
      const all = [...votes, { decision: input.decision, conditions }];
      const outcome = resolveVotes(
        all.map((vote) => vote.decision),
        review.quorum,
      );
      if (outcome !== GateReviewState.SUBMITTED) await this.decide(em, review, project, outcome, all, voterId);
      return this.read(em, review.id);
    });
  }

  /** Records the outcome; an approval moves the project on, and with conditions they become actions. */
  private async decide(
    em: EntityManager,
    review: GateReviewEntity,
    project: GovernedProjectRow,
    outcome: GateReviewState,
    votes: ReadonlyArray<{ decision: GateDecision; conditions: VoteCondition[] }>,
    userId: string,
  ): Promise<void> {
    const scope = { tenantId: project.tenantId, orgId: project.orgId };
    await this.reviews.decide(em, review.id, outcome);
    await this.audit.record(em, {
      ...scope,
      entity: 'gate_review',
      entityId: review.id,
      action: 'decide',
      before: { state: review.state },
      after: { state: outcome },
    });
    await this.outbox.publish(em, project.orgId, GATE_REVIEW_DECIDED_JOB, {
      tenantId: project.tenantId,
      reviewId: review.id,
      projectId: project.id,
      state: outcome,
    });
    await this.compliance.changed(em, currentPeriodChange({ ...scope, projectId: project.id }));
    if (!isApproval(outcome)) return;
    const phases = await this.projects.phases(em, project.id);
    const next = phases.find((phase) => phase.position === review.phasePosition + 1);
    // The last gate leaves the project in its last phase; a project moved meanwhile stays where it is.
    if (next && project.currentPhase === review.phase) {
      await this.projects.setPhase(em, project.id, next.name);
      await this.audit.record(em, {
        ...scope,
        entity: 'project',
        entityId: project.id,
        action: 'pass-gate',
        before: { currentPhase: project.currentPhase },
        after: { currentPhase: next.name, gateReviewId: review.id },
      });
    }
    if (outcome !== GateReviewState.APPROVED_WITH_CONDITIONS) return;
    const actions: NewAction[] = votes
      .filter((vote) => vote.decision === GateDecision.APPROVE_WITH_CONDITIONS)
      .flatMap((vote) => vote.conditions)
      .map((condition) => ({
        id: randomUUID(),
        projectId: project.id,
        ...scope,
        reviewId: null,
        findingId: null,
        gateReviewId: review.id,
        description: condition.description,
        ownerId: condition.ownerId,
        dueDate: condition.dueDate,
        createdBy: userId,
      }));
    await this.actions.add(em, actions);
    for (const action of actions) {
      await this.audit.record(em, { ...scope, entity: 'corrective_action', entityId: action.id, action: 'create', after: action });
    }
    await this.compliance.changed(
      em,
      actions.flatMap((action) => actionChanges(action)),
    );
  }

  /** A gate that asks its voters for a competency level (its methodology version's) refuses those below it. */
  private async checkApproverLevel(em: EntityManager, project: GovernedProjectRow, review: GateReviewEntity, voterId: string): Promise<void> {
    const phase = (await this.projects.phases(em, project.id)).find((p) => p.position === review.phasePosition);
    const minimum = phase?.minApproverLevel ?? 0;
    if (minimum === 0) return;
    const level = (await this.competency.levels(em, project.orgId, [voterId])).get(voterId) ?? 0;
    if (level < minimum) throw forbidden(`Voting on this gate takes a competency level of ${minimum} or above; yours is ${level}`);
  }

  /** An action's owner is a member of the project's tenant or an ancestor. */
  private async checkOwners(em: EntityManager, project: GovernedProjectRow, ownerIds: ReadonlyArray<string | null>): Promise<void> {
    const named = [...new Set(ownerIds.filter((id): id is string => id !== null))];
    if (!named.length) return;
    const covered = new Set((await this.projects.pathMemberships(em, named, project.tenantId)).map((m) => m.userId));
    const stranger = named.find((id) => !covered.has(id));
    if (stranger) throw badInput("An action's owner must hold a membership on the project's tenant or an ancestor", { field: 'ownerId' });
  }

  private async read(em: EntityManager, id: string): Promise<GateReviewModel> {
    const [review] = await this.reviews.byIds(em, [id]);
    return toModel(review);
  }

  /** A project's gate reviews, oldest first (batched per request). */
  forProject(projectId: string): Promise<GateReviewModel[]> {
    return requestLoader<string, GateReviewModel[]>('governance.gateReviewsByProject', (ids) =>
      this.db.transaction(async (em) => groupByKeys(ids, (await this.reviews.byProjects(em, ids)).map(toModel), (r) => r.projectId), { fresh: true }),
    ).load(projectId);
  }

  criteria(reviewId: string): Promise<GateCriterionModel[]> {
    return requestLoader<string, GateCriterionModel[]>('governance.gateCriteria', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await this.reviews.criteria(em, ids);
          return groupByKeys(ids, rows, (row) => row.reviewId).map((list) =>
            list.map(({ criterion, status, evidence, comment }) => ({ criterion, status, evidence, comment })),
          );
        },
        { fresh: true },
      ),
    ).load(reviewId);
  }

  votes(reviewId: string): Promise<GateVoteModel[]> {
    return requestLoader<string, GateVoteModel[]>('governance.gateVotes', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows = await this.reviews.votes(em, ids);
          return groupByKeys(ids, rows, (row) => row.reviewId).map((list) =>
            list.map(({ voterId, decision, comment, at }) => ({ voterId, decision, comment, at })),
          );
        },
        { fresh: true },
      ),
    ).load(reviewId);
  }
}

// Audits, health checks and peer reviews: planning one with an independent team, the
// team's findings and corrective actions, completing and verifying actions (from findings
// and gate conditions alike), and closing a review once its serious findings are settled.
// A peer review's team sits in another branch: it reaches the review, its project and the
// people it names through the review-team policies and definer functions, never through
// memberships of its own.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  atLeast,
  AuditService,
  badInput,
  ComplianceFeed,
  conflict,
  dateOf,
  DomainError,
  forbidden,
  groupByKeys,
  notFound,
  requestLoader,
  TenantDb,
} from '@pmo/core';
import { Role } from '@pmo/shared';
import { actionChanges } from '../common/compliance-changes';
import { GovernanceAccess } from '../common/governance-access';
import { GovernedProjectRepository } from '../common/governed-project.repository';
import { GovernedProjectRow } from '../common/governed-project.sql';
import { ProjectCards } from '../common/project-cards';
import { CorrectiveActionEntity } from './corrective-action.entity';
import { CorrectiveActionRepository } from './corrective-action.repository';
import { ProjectReviewEntity } from './project-review.entity';
import { ProjectReviewRepository } from './project-review.repository';
import { ReviewFindingEntity } from './review-finding.entity';
import { AddCorrectiveActionInput, AddFindingInput, CorrectiveActionModel, FindingModel, PlanReviewInput, ProjectReviewModel } from './review.model';
import { ActionState, closeProblem, completeProblem, isOverdue, reviewState, ReviewState, teamProblem, verifyProblem } from './review.rules';

const today = () => dateOf(new Date());

const toReview = (review: ProjectReviewEntity, day: string): ProjectReviewModel => ({
  id: review.id,
  projectId: review.projectId,
  kind: review.kind,
  state: reviewState(review.state, review.plannedFor, day),
  leadId: review.leadId,
  plannedFor: review.plannedFor,
  closedAt: review.closedAt,
});

const toFinding = (finding: ReviewFindingEntity): FindingModel => ({
  id: finding.id,
  severity: finding.severity,
  title: finding.title,
  description: finding.description,
});

const toAction = (action: CorrectiveActionEntity, day: string): CorrectiveActionModel => ({
  id: action.id,
  projectId: action.projectId,
  description: action.description,
  ownerId: action.ownerId,
  dueDate: action.dueDate,
  state: action.state,
  overdue: isOverdue(action.state, action.dueDate, day),
});

/** The audit trail's picture of an action. */
const actionView = (action: Pick<CorrectiveActionEntity, 'description' | 'ownerId' | 'dueDate' | 'state' | 'findingId' | 'gateReviewId'>) => ({
  description: action.description,
  ownerId: action.ownerId,
  dueDate: action.dueDate,
  state: action.state,
  findingId: action.findingId,
  gateReviewId: action.gateReviewId,
});

@Injectable()
export class ReviewService {
  constructor(
    private readonly db: TenantDb,
    private readonly governance: GovernanceAccess,
    private readonly projects: GovernedProjectRepository,
    private readonly reviews: ProjectReviewRepository,
    private readonly actions: CorrectiveActionRepository,
    private readonly cards: ProjectCards,
    private readonly audit: AuditService,
    private readonly compliance: ComplianceFeed,
  ) {}

  async plan(input: PlanReviewInput): Promise<ProjectReviewModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const project = await this.governance.project(em, input.projectId);
      const role = await this.governance.roleOn(em, project.path);
      if (role === null) throw notFound('Project');
      if (!atLeast(role, Role.PMO_LEAD)) throw forbidden("Planning a review takes PMO_LEAD or above on the project's tenant");
      const reviewerIds = [...new Set(input.reviewerIds ?? [])].filter((id) => id !== input.leadId);
      const people = [input.leadId, ...reviewerIds];
      const orgMembers = await this.projects.orgMembers(em, people, project.orgId);
      const memberships = await this.projects.pathMemberships(em, people, project.tenantId);
      const candidate = (id: string) => ({ userId: id, orgMember: orgMembers.has(id), memberships: memberships.filter((m) => m.userId === id) });
      const problem = teamProblem({
        kind: input.kind,
        path: project.path,
        managerId: project.managerId,
        lead: candidate(input.leadId),
        reviewers: reviewerIds.map(candidate),
      });
      if (problem) throw new DomainError(problem.code, problem.message, { field: problem.field });
      const review = {
        id: randomUUID(),
        projectId: project.id,
        tenantId: project.tenantId,
        orgId: project.orgId,
        kind: input.kind,
        leadId: input.leadId,
        plannedFor: input.plannedFor,
        plannedBy: userId,
      };
      await this.reviews.plan(em, review, reviewerIds);
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'project_review',
        entityId: review.id,
        action: 'plan',
        after: { ...review, reviewerIds },
      });
      const [planned] = await this.reviews.byIds(em, [review.id]);
      return toReview(planned, today());
    });
  }

  async addFinding(input: AddFindingInput): Promise<FindingModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const review = await this.openReviewOfTeam(em, input.reviewId, userId, 'reviewId');
      const finding = await this.reviews.addFinding(em, {
        id: randomUUID(),
        reviewId: review.id,
        projectId: review.projectId,
        tenantId: review.tenantId,
        orgId: review.orgId,
        severity: input.severity,
        title: input.title,
        description: input.description ?? null,
        createdBy: userId,
      });
      if (review.state === ReviewState.PLANNED) await this.reviews.start(em, review.id);
      await this.audit.record(em, {
        tenantId: review.tenantId,
        orgId: review.orgId,
        entity: 'review_finding',
        entityId: finding.id,
        action: 'create',
        after: { reviewId: review.id, severity: finding.severity, title: finding.title, description: finding.description },
      });
      return toFinding(finding);
    });
  }

  async addAction(input: AddCorrectiveActionInput): Promise<CorrectiveActionModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const finding = await this.reviews.finding(em, input.findingId);
      if (!finding) throw notFound('Finding');
      const review = await this.openReviewOfTeam(em, finding.reviewId, userId, 'findingId');
      // The lead verifies a finding's actions and may not verify their own: owning one would
      // leave the review unable to close.
      if (input.ownerId === review.leadId) throw badInput("The review's lead verifies its actions and cannot own one", { field: 'ownerId' });
      if (input.ownerId) {
        const covered = await this.projects.pathMemberships(em, [input.ownerId], review.tenantId);
        if (!covered.length) throw badInput("An action's owner must hold a membership on the project's tenant or an ancestor", { field: 'ownerId' });
      }
      const action = {
        id: randomUUID(),
        projectId: finding.projectId,
        tenantId: review.tenantId,
        orgId: review.orgId,
        reviewId: review.id,
        findingId: finding.id,
        gateReviewId: null,
        description: input.description,
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate,
        createdBy: userId,
      };
      await this.actions.add(em, [action]);
      await this.audit.record(em, {
        tenantId: review.tenantId,
        orgId: review.orgId,
        entity: 'corrective_action',
        entityId: action.id,
        action: 'create',
        after: actionView({ ...action, state: ActionState.OPEN }),
      });
      await this.compliance.changed(em, actionChanges(action));
      return this.readAction(em, action.id);
    });
  }

  async completeAction(id: string): Promise<CorrectiveActionModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const { action, project } = await this.lockAction(em, id);
      const problem = completeProblem({ callerId: userId, callerRole: await this.governance.roleOn(em, project.path), ownerId: action.ownerId });
      if (problem) throw forbidden(problem);
      if (action.state !== ActionState.OPEN) throw conflict(`The action is already ${action.state}`, { field: 'id' });
      await this.actions.change(em, action.id, { state: ActionState.DONE, doneBy: userId });
      return this.recordAction(em, action, 'complete');
    });
  }

  async verifyAction(id: string): Promise<CorrectiveActionModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const { action, project } = await this.lockAction(em, id);
      const [review] = action.reviewId ? await this.reviews.byIds(em, [action.reviewId]) : [];
      const problem = verifyProblem({
        callerId: userId,
        callerRole: await this.governance.roleOn(em, project.path),
        ownerId: action.ownerId,
        reviewLeadId: review?.leadId ?? null,
      });
      if (problem) throw forbidden(problem);
      if (action.state === ActionState.OPEN) throw badInput('The action is not DONE yet', { field: 'id' });
      if (action.state === ActionState.VERIFIED) throw conflict('The action is already VERIFIED', { field: 'id' });
      await this.actions.change(em, action.id, { state: ActionState.VERIFIED, verifiedBy: userId });
      return this.recordAction(em, action, 'verify');
    });
  }

  async close(id: string): Promise<ProjectReviewModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const review = await this.reviews.lock(em, id);
      if (!review) throw notFound('Review');
      if (review.leadId !== userId) throw forbidden('A review is closed by its lead');
      if (review.state === ReviewState.CLOSED) throw conflict('The review is already closed', { field: 'id' });
      const findings = await this.reviews.findings(em, [review.id]);
      const actions = findings.length
        ? await this.actions.byFindings(
            em,
            findings.map((f) => f.id),
          )
        : [];
      const problem = closeProblem(findings.map((f) => ({ severity: f.severity, actions: actions.filter((a) => a.findingId === f.id) })));
      if (problem) throw conflict(problem, { field: 'id' });
      // A team from another branch loses sight of the review as it closes: everything this
      // answers is read, and the closing audited, before.
      const [card] = await this.projects.cards(em, [review.projectId]);
      const reviewerIds = (await this.reviews.reviewers(em, [review.id])).map((r) => r.userId);
      const closedAt = new Date();
      await this.audit.record(em, {
        tenantId: review.tenantId,
        orgId: review.orgId,
        entity: 'project_review',
        entityId: review.id,
        action: 'close',
        before: { state: review.state },
        after: { state: ReviewState.CLOSED, closedAt },
      });
      await this.reviews.close(em, review.id, closedAt);
      const day = today();
      if (card) this.cards.prime(card);
      this.reviewersLoader().prime(review.id, reviewerIds);
      this.findingsLoader().prime(review.id, findings.map(toFinding));
      for (const finding of findings) {
        this.findingActionsLoader(day).prime(
          finding.id,
          actions.filter((a) => a.findingId === finding.id).map((a) => toAction(a, day)),
        );
      }
      return toReview({ ...review, state: ReviewState.CLOSED, closedAt }, day);
    });
  }

  async list(tenantId: string, states: ReviewState[] | null | undefined): Promise<ProjectReviewModel[]> {
    const day = today();
    const reviews = await this.db.transaction(async (em) => {
      await this.governance.requireRead(em, tenantId);
      return this.reviews.inSubtree(em, tenantId);
    });
    const models = reviews.map((review) => toReview(review, day));
    return states?.length ? models.filter((review) => states.includes(review.state)) : models;
  }

  /** The open reviews the caller leads or staffs (a peer review's team finds its work here). */
  async mine(): Promise<ProjectReviewModel[]> {
    const day = today();
    const reviews = await this.db.transaction((em) => this.reviews.ofCaller(em));
    return reviews.map((review) => toReview(review, day));
  }

  async listActions(tenantId: string, overdueOnly: boolean | null | undefined): Promise<CorrectiveActionModel[]> {
    const day = today();
    const actions = await this.db.transaction(async (em) => {
      await this.governance.requireRead(em, tenantId);
      return this.actions.inSubtree(em, tenantId, overdueOnly ? day : null);
    });
    return actions.map((action) => toAction(action, day));
  }

  reviewerIds(reviewId: string): Promise<string[]> {
    return this.reviewersLoader().load(reviewId);
  }

  findings(reviewId: string): Promise<FindingModel[]> {
    return this.findingsLoader().load(reviewId);
  }

  findingActions(findingId: string): Promise<CorrectiveActionModel[]> {
    return this.findingActionsLoader(today()).load(findingId);
  }

  private reviewersLoader() {
    return requestLoader<string, string[]>('governance.reviewers', (ids) =>
      this.db.transaction(async (em) => groupByKeys(ids, await this.reviews.reviewers(em, ids), (r) => r.reviewId).map((list) => list.map((r) => r.userId)), {
        fresh: true,
      }),
    );
  }

  private findingsLoader() {
    return requestLoader<string, FindingModel[]>('governance.findings', (ids) =>
      this.db.transaction(async (em) => groupByKeys(ids, await this.reviews.findings(em, ids), (f) => f.reviewId).map((list) => list.map(toFinding)), {
        fresh: true,
      }),
    );
  }

  /** `day` (YYYY-MM-DD) decides which actions read as overdue. */
  private findingActionsLoader(day: string) {
    return requestLoader<string, CorrectiveActionModel[]>('governance.findingActions', (ids) =>
      this.db.transaction(
        async (em) => groupByKeys(ids, await this.actions.byFindings(em, ids), (a) => a.findingId as string).map((list) => list.map((a) => toAction(a, day))),
        { fresh: true },
      ),
    );
  }

  /** The review, locked, if the caller is on its team and it is open. */
  private async openReviewOfTeam(em: EntityManager, reviewId: string, userId: string, field: string): Promise<ProjectReviewEntity> {
    const review = await this.reviews.lock(em, reviewId);
    if (!review) throw notFound('Review');
    const team = review.leadId === userId || (await this.reviews.reviewers(em, [review.id])).some((r) => r.userId === userId);
    if (!team) throw forbidden("Only the review's lead and reviewers record its findings and actions");
    if (review.state === ReviewState.CLOSED) throw conflict('The review is closed', { field });
    return review;
  }

  private async lockAction(em: EntityManager, id: string): Promise<{ action: CorrectiveActionEntity; project: GovernedProjectRow }> {
    const action = await this.actions.lock(em, id);
    if (!action) throw notFound('Corrective action');
    return { action, project: await this.governance.project(em, action.projectId) };
  }

  private async recordAction(em: EntityManager, before: CorrectiveActionEntity, change: string): Promise<CorrectiveActionModel> {
    const [after] = await this.actions.byIds(em, [before.id]);
    await this.audit.record(em, {
      tenantId: before.tenantId,
      orgId: before.orgId,
      entity: 'corrective_action',
      entityId: before.id,
      action: change,
      before: actionView(before),
      after: actionView(after),
    });
    await this.compliance.changed(em, actionChanges(after));
    return toAction(after, today());
  }

  private async readAction(em: EntityManager, id: string): Promise<CorrectiveActionModel> {
    const [action] = await this.actions.byIds(em, [id]);
    return toAction(action, today());
  }
}

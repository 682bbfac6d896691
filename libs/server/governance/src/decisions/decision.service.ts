// The portfolio decision ledger: an EXECUTIVE or ORG_ADMIN of the project's tenant or an
// ancestor records a decision; the project's state follows and the evidence (latest status
// report, its period's KPI values with RAG, the compliance score) is copied, all in one
// transaction. Decisions are append-only; the ledger reads a subtree newest first.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  AuditService,
  badInput,
  ComplianceFeed,
  decodeCursor,
  encodeCursor,
  forbidden,
  groupByKeys,
  notFound,
  OutboxService,
  pageOf,
  requestLoader,
  TenantDb,
} from '@pmo/core';
import { Role } from '@pmo/shared';
import { ComplianceService } from '../compliance/compliance.service';
import { currentPeriodChange } from '../common/compliance-changes';
import { GovernanceAccess } from '../common/governance-access';
import { GovernedProjectRepository } from '../common/governed-project.repository';
import { GovernedProjectRow } from '../common/governed-project.sql';
import { holdsOneOf } from '../common/roles';
import { DECISION_RECORDED_JOB } from '../events/governance-events.jobs';
import { PortfolioDecisionConnectionModel, PortfolioDecisionModel, RecordDecisionInput } from './decision.model';
import { DecisionRepository } from './decision.repository';
import { DecisionEvidence, decisionOutcome } from './decision.rules';
import { PortfolioDecisionEntity } from './portfolio-decision.entity';

const DECIDERS = [Role.EXECUTIVE, Role.ORG_ADMIN];
const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;
const LIST = 'decisions';

const toModel = (decision: PortfolioDecisionEntity): PortfolioDecisionModel => ({
  id: decision.id,
  projectId: decision.projectId,
  kind: decision.kind,
  rationale: decision.rationale,
  decidedBy: decision.decidedBy,
  decidedAt: decision.decidedAt,
  evidence: { ...decision.evidence, capturedAt: new Date(decision.evidence.capturedAt) },
});

@Injectable()
export class DecisionService {
  constructor(
    private readonly db: TenantDb,
    private readonly governance: GovernanceAccess,
    private readonly projects: GovernedProjectRepository,
    private readonly decisions: DecisionRepository,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly feed: ComplianceFeed,
  ) {}

  async record(input: RecordDecisionInput): Promise<PortfolioDecisionModel> {
    return this.db.transaction(async (em) => {
      const userId = this.governance.userId();
      const project = await this.governance.project(em, input.projectId, { lock: true });
      const memberships = await this.governance.memberships(em, project.path);
      if (!memberships.length) throw notFound('Project');
      if (!holdsOneOf(memberships, project.path, DECIDERS))
        throw forbidden("Decisions are recorded by an EXECUTIVE or ORG_ADMIN of the project's tenant or an ancestor");
      const stateAfter = decisionOutcome(input.kind, project.state);
      const evidence = await this.evidence(em, project);
      const scope = { tenantId: project.tenantId, orgId: project.orgId };
      if (stateAfter !== project.state) {
        await this.projects.setState(em, project.id, stateAfter);
        await this.audit.record(em, {
          ...scope,
          entity: 'project',
          entityId: project.id,
          action: 'transition',
          before: { state: project.state },
          after: { state: stateAfter },
        });
      }
      const decision = await this.decisions.record(em, {
        id: randomUUID(),
        projectId: project.id,
        ...scope,
        kind: input.kind,
        rationale: input.rationale,
        decidedBy: userId,
        stateBefore: project.state,
        stateAfter,
        evidence,
      });
      await this.audit.record(em, {
        ...scope,
        entity: 'portfolio_decision',
        entityId: decision.id,
        action: 'record',
        after: { projectId: project.id, kind: decision.kind, rationale: decision.rationale, stateBefore: project.state, stateAfter, evidence },
      });
      await this.outbox.publish(em, project.orgId, DECISION_RECORDED_JOB, {
        tenantId: project.tenantId,
        decisionId: decision.id,
        projectId: project.id,
        kind: decision.kind,
      });
      // A held, resumed or cancelled project owes reports differently from now on.
      if (stateAfter !== project.state) await this.feed.changed(em, currentPeriodChange({ ...scope, projectId: project.id }));
      return toModel(decision);
    });
  }

  async list(tenantId: string, first: number | null | undefined, after: string | null | undefined): Promise<PortfolioDecisionConnectionModel> {
    const size = first ?? DEFAULT_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badInput(`first must be 1 to ${MAX_PAGE}`, { field: 'first' });
    const cursor = after ? decodeCursor(after, LIST) : null;
    return this.db.transaction(async (em) => {
      await this.governance.requireRead(em, tenantId);
      const rows = await this.decisions.page(em, { tenantId, after: cursor && { key: cursor.key, id: cursor.id }, limit: size + 1 });
      const totalCount = await this.decisions.count(em, tenantId);
      const page = pageOf(rows, size, ({ decision, sortKey }) => ({
        cursor: encodeCursor({ list: LIST, key: sortKey, id: decision.id }),
        node: toModel(decision),
      }));
      return { ...page, totalCount };
    });
  }

  /** A project's decisions, oldest first (batched per request). */
  forProject(projectId: string): Promise<PortfolioDecisionModel[]> {
    return requestLoader<string, PortfolioDecisionModel[]>('governance.decisionsByProject', (ids) =>
      this.db.transaction(async (em) => groupByKeys(ids, (await this.decisions.byProjects(em, ids)).map(toModel), (d) => d.projectId), { fresh: true }),
    ).load(projectId);
  }

  /** The figures as they stand now: the latest report, its period's values and the project's compliance for it. */
  private async evidence(em: EntityManager, project: GovernedProjectRow): Promise<DecisionEvidence> {
    const capturedAt = new Date();
    const report = await this.decisions.latestReport(em, project.id);
    if (!report) return { capturedAt: capturedAt.toISOString(), period: null, overall: null, summary: null, compliance: null, kpis: [] };
    const kpis = await this.decisions.periodValues(em, project.id, report.period);
    const [evaluation] = await this.compliance.evaluate(em, project.tenantId, report.period, [project.id], capturedAt);
    return {
      capturedAt: capturedAt.toISOString(),
      period: report.period,
      overall: report.overall,
      summary: report.summary,
      compliance: evaluation?.score ?? null,
      kpis: kpis.map(({ kpiKey, period, value, rag }) => ({ kpiKey, period, value, rag })),
    };
  }
}

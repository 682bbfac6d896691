// Status reports: one per project and period. A new submission for a period replaces the
// report and keeps the text it replaced in status_report_history.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AuditService,
  badInput,
  byKeys,
  ComplianceFeed,
  currentContext,
  groupByKeys,
  loadNow,
  OutboxService,
  Permission,
  requestLoader,
  TenantDb,
} from '@pmo/core';
import { ProjectAccess } from '../project/project-access';
import { isClosed } from '../project/project.rules';
import { StatusReportEntity } from './status-report.entity';
import { STATUS_REPORT_SUBMITTED_JOB } from './status-report.events';
import { SubmitStatusReportInput } from './status-report.inputs';
import { statusReportModel, StatusReportModel, statusReportVersionModel, StatusReportVersionModel } from './status-report.model';
import { StatusReportRepository } from './status-report.repository';

@Injectable()
export class StatusReportService {
  constructor(
    private readonly db: TenantDb,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
    private readonly reports: StatusReportRepository,
    private readonly compliance: ComplianceFeed,
    private readonly outbox: OutboxService,
  ) {}

  async submit(input: SubmitStatusReportInput): Promise<StatusReportModel> {
    const { period, summary } = input;
    const actor = currentContext().actor;
    const userId = actor.kind === 'user' ? actor.userId : null;
    return this.db.transaction(async (em) => {
      const project = await this.projects.lock(em, input.projectId, Permission.REPORT);
      if (isClosed(project.state)) throw badInput(`The project is ${project.state} and no longer reports`, { field: 'projectId' });
      const replaced = await this.reports.lockForPeriod(em, project.id, period);
      const before = replaced && statusReportModel(replaced);
      if (before) await this.reports.keepHistory(em, before.id, userId);
      await this.reports.submit(em, {
        id: before?.id ?? randomUUID(),
        projectId: project.id,
        tenantId: project.tenantId,
        orgId: project.orgId,
        period,
        overall: input.overall,
        schedule: input.schedule ?? null,
        cost: input.cost ?? null,
        scope: input.scope ?? null,
        summary,
        nextSteps: input.nextSteps ?? null,
        submittedBy: userId,
      });
      const after = statusReportModel((await this.reports.findForPeriod(em, project.id, period)) as StatusReportEntity);
      const view = ({ submittedAt: _at, ...rest }: StatusReportModel) => rest;
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'status_report',
        entityId: after.id,
        action: before ? 'replace' : 'create',
        before: before ? view(before) : undefined,
        after: view(after),
      });
      await this.compliance.changed(em, [{ orgId: project.orgId, tenantId: project.tenantId, projectId: project.id, period }]);
      await this.outbox.publish(em, project.orgId, STATUS_REPORT_SUBMITTED_JOB, {
        tenantId: project.tenantId,
        reportId: after.id,
        projectId: project.id,
        period,
      });
      return after;
    });
  }

  async list(projectId: string): Promise<StatusReportModel[]> {
    return (await this.db.transaction((em) => this.reports.listByProject(em, projectId))).map(statusReportModel);
  }

  /** Batched per request: a list of projects asking for their latest report costs one statement. */
  latest(projectId: string): StatusReportModel | null | Promise<StatusReportModel | null> {
    return loadNow(
      requestLoader<string, StatusReportModel | null>('projects.latestStatusReport', (ids) =>
        this.db.transaction(async (em) => byKeys(ids, (await this.reports.latestByProjects(em, ids)).map(statusReportModel), (row) => row.projectId), {
          fresh: true,
        }),
      ),
      projectId,
    );
  }

  /** Batched per request, like `latest`. */
  history(reportId: string): Promise<StatusReportVersionModel[]> {
    return requestLoader<string, StatusReportVersionModel[]>('projects.statusReportHistory', (ids) =>
      this.db.transaction(async (em) => groupByKeys(ids, (await this.reports.historyOf(em, ids)).map(statusReportVersionModel), (row) => row.reportId), {
        fresh: true,
      }),
    ).load(reportId);
  }
}

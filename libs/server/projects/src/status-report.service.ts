// Status reports: one per project and period. A new submission for a period replaces the
// report and keeps the text it replaced in status_report_history.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService, badInput, checkPeriod, checkText, currentContext, optionalText, Permission, requireUuid, TenantDb } from '@pmo/core';
import { SubmitStatusReportInput } from './dto/project.inputs';
import { StatusReportModel } from './models/status-report.model';
import { ProjectAccess } from './project-access';
import { STATUS_REPORT_COLUMNS } from './project-rows';
import { isClosed } from './rules';

@Injectable()
export class StatusReportService {
  constructor(
    private readonly db: TenantDb,
    private readonly projects: ProjectAccess,
    private readonly audit: AuditService,
  ) {}

  async submit(input: SubmitStatusReportInput): Promise<StatusReportModel> {
    const period = checkPeriod(input.period);
    const summary = checkText(input.summary, 'summary', 10000);
    const nextSteps = optionalText(input.nextSteps, 'nextSteps');
    const actor = currentContext().actor;
    const userId = actor.kind === 'user' ? actor.userId : null;
    return this.db.transaction(async (em) => {
      const project = await this.projects.lock(em, input.projectId, Permission.REPORT, 'projectId');
      if (isClosed(project.state)) throw badInput(`The project is ${project.state} and no longer reports`, { field: 'projectId' });
      const [before]: StatusReportModel[] = await em.query(
        `SELECT ${STATUS_REPORT_COLUMNS} FROM status_reports s WHERE s.project_id = $1 AND s.period = $2 FOR UPDATE`,
        [project.id, period],
      );
      const id = before?.id ?? randomUUID();
      if (before) {
        await em.query(
          `INSERT INTO status_report_history (report_id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary,
                                              next_steps, submitted_by, submitted_at, superseded_by)
           SELECT id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary, next_steps, submitted_by, submitted_at, $2
             FROM status_reports WHERE id = $1`,
          [id, userId],
        );
      }
      await em.query(
        `INSERT INTO status_reports (id, project_id, tenant_id, org_id, period, overall, schedule, cost, scope, summary, next_steps, submitted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (project_id, period) DO UPDATE SET overall = EXCLUDED.overall, schedule = EXCLUDED.schedule, cost = EXCLUDED.cost,
           scope = EXCLUDED.scope, summary = EXCLUDED.summary, next_steps = EXCLUDED.next_steps,
           submitted_by = EXCLUDED.submitted_by, submitted_at = now()`,
        [
          id,
          project.id,
          project.tenantId,
          project.orgId,
          period,
          input.overall,
          input.schedule ?? null,
          input.cost ?? null,
          input.scope ?? null,
          summary,
          nextSteps,
          userId,
        ],
      );
      const [after]: StatusReportModel[] = await em.query(`SELECT ${STATUS_REPORT_COLUMNS} FROM status_reports s WHERE s.id = $1`, [id]);
      const view = ({ submittedAt: _at, ...rest }: StatusReportModel) => rest;
      await this.audit.record(em, {
        tenantId: project.tenantId,
        orgId: project.orgId,
        entity: 'status_report',
        entityId: id,
        action: before ? 'replace' : 'create',
        before: before ? view(before) : undefined,
        after: view(after),
      });
      return after;
    });
  }

  async list(projectId: string): Promise<StatusReportModel[]> {
    const id = requireUuid(projectId, 'projectId');
    return this.db.transaction((em) => em.query(`SELECT ${STATUS_REPORT_COLUMNS} FROM status_reports s WHERE s.project_id = $1 ORDER BY s.period DESC`, [id]));
  }
}

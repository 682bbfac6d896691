// Per-request batched reads behind the nested fields of projects and values: a list of
// any length costs one statement per field and level, never one per row. Each batch
// runs in its own transaction with the caller's tenant set, so RLS filters it too.
import { Injectable } from '@nestjs/common';
import { byKeys, groupByKeys, KPI_DEFINITION_COLUMNS, KpiDefinitionModel, requestLoader, TenantDb } from '@pmo/core';
import { MilestoneModel, ProgramModel, ProjectManagerModel, ProjectModel, ProjectPhaseModel } from './models/project.model';
import { StatusReportModel, StatusReportVersionModel } from './models/status-report.model';
import { MILESTONE_COLUMNS, PHASE_COLUMNS, PhaseRow, PROGRAM_COLUMNS, PROJECT_COLUMNS, STATUS_REPORT_COLUMNS, toPhase } from './project-rows';

@Injectable()
export class ProjectLoaders {
  constructor(private readonly db: TenantDb) {}

  private byId<V extends { id: string }>(name: string, sql: string) {
    return requestLoader<string, V | null>(name, (ids) =>
      this.db.transaction(async (em) => byKeys(ids, (await em.query(sql, [ids])) as V[], (row) => row.id), { fresh: true }),
    );
  }

  private listBy<V>(name: string, sql: string, keyOf: (row: V) => string) {
    return requestLoader<string, V[]>(name, (ids) =>
      this.db.transaction(async (em) => groupByKeys(ids, (await em.query(sql, [ids])) as V[], keyOf), { fresh: true }),
    );
  }

  project() {
    return this.byId<ProjectModel>('projects.project', `SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.id = ANY($1::uuid[])`);
  }

  program() {
    return this.byId<ProgramModel>('projects.program', `SELECT ${PROGRAM_COLUMNS} FROM programs g WHERE g.id = ANY($1::uuid[])`);
  }

  manager() {
    return this.byId<ProjectManagerModel>('projects.manager', 'SELECT u.id, u.email FROM users u WHERE u.id = ANY($1::uuid[])');
  }

  kpi() {
    return this.byId<KpiDefinitionModel>('projects.kpi', `SELECT ${KPI_DEFINITION_COLUMNS} FROM kpi_definitions WHERE id = ANY($1::uuid[])`);
  }

  milestones() {
    return this.listBy<MilestoneModel>(
      'projects.milestones',
      `SELECT ${MILESTONE_COLUMNS} FROM milestones m WHERE m.project_id = ANY($1::uuid[]) ORDER BY m.due_date, m.created_at, m.id`,
      (row) => row.projectId,
    );
  }

  phases() {
    return requestLoader<string, ProjectPhaseModel[]>('projects.phases', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows: PhaseRow[] = await em.query(`SELECT ${PHASE_COLUMNS} FROM project_phases ph WHERE ph.project_id = ANY($1::uuid[]) ORDER BY ph.position`, [
            ids,
          ]);
          return groupByKeys(ids, rows.map(toPhase), (row) => row.projectId);
        },
        { fresh: true },
      ),
    );
  }

  latestStatusReport() {
    return requestLoader<string, StatusReportModel | null>('projects.latestStatusReport', (ids) =>
      this.db.transaction(
        async (em) => {
          const rows: StatusReportModel[] = await em.query(
            `SELECT DISTINCT ON (s.project_id) ${STATUS_REPORT_COLUMNS} FROM status_reports s
            WHERE s.project_id = ANY($1::uuid[]) ORDER BY s.project_id, s.period DESC`,
            [ids],
          );
          return byKeys(ids, rows, (row) => row.projectId);
        },
        { fresh: true },
      ),
    );
  }

  statusReportHistory() {
    return this.listBy<StatusReportVersionModel>(
      'projects.statusReportHistory',
      `SELECT h.report_id AS "reportId", h.overall, h.schedule, h.cost, h.scope, h.summary, h.next_steps AS "nextSteps",
              h.submitted_by AS "submittedBy", h.submitted_at AS "submittedAt", h.superseded_at AS "supersededAt"
         FROM status_report_history h WHERE h.report_id = ANY($1::uuid[]) ORDER BY h.id DESC`,
      (row) => row.reportId,
    );
  }
}

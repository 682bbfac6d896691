// Statements on status reports and their history: one report per project and period,
// replaced by a later submission for the period, the text it replaced kept in the history.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Rag } from '@pmo/shared';
import { DummyValue, GenerateSql, run } from '@pmo/core';
import { StatusReportHistoryEntity } from './status-report-history.entity';
import { StatusReportEntity } from './status-report.entity';
import { KEEP_REPORT_HISTORY, LATEST_REPORTS_OF_PROJECTS } from './status-report.sql';

export type NewStatusReport = Omit<StatusReportEntity, 'submittedAt'>;

/** What a new submission for the period replaces. */
const REPLACED = ['overall', 'schedule', 'cost', 'scope', 'summary', 'next_steps', 'submitted_by', 'submitted_at'];

@Injectable()
export class StatusReportRepository {
  /** The project's report for the period, locked for the rest of the transaction. */
  @GenerateSql({ params: [DummyValue.UUID, DummyValue.PERIOD] })
  lockForPeriod(em: EntityManager, projectId: string, period: string): Promise<StatusReportEntity | null> {
    return em
      .createQueryBuilder(StatusReportEntity, 's')
      .where('s.projectId = :projectId', { projectId })
      .andWhere('s.period = :period', { period })
      .setLock('pessimistic_write')
      .getOne();
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.UUID_2] })
  async keepHistory(em: EntityManager, reportId: string, supersededBy: string | null): Promise<void> {
    await run(em, KEEP_REPORT_HISTORY, [reportId, supersededBy]);
  }

  /** Writes the period's report, replacing the one there (which keeps its id). */
  @GenerateSql({
    params: [
      {
        id: DummyValue.UUID,
        projectId: DummyValue.UUID,
        tenantId: DummyValue.UUID,
        orgId: DummyValue.UUID,
        period: DummyValue.PERIOD,
        overall: Rag.GREEN,
        schedule: null,
        cost: null,
        scope: null,
        summary: DummyValue.TEXT,
        nextSteps: null,
        submittedBy: null,
      },
    ],
  })
  async submit(em: EntityManager, report: NewStatusReport): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(StatusReportEntity)
      .values({ ...report, submittedAt: () => 'now()' })
      .orUpdate(REPLACED, ['project_id', 'period'])
      .updateEntity(false)
      .execute();
  }

  @GenerateSql({ params: [DummyValue.UUID, DummyValue.PERIOD] })
  findForPeriod(em: EntityManager, projectId: string, period: string): Promise<StatusReportEntity | null> {
    return em.findOneBy(StatusReportEntity, { projectId, period });
  }

  /** A project's reports, latest period first. */
  @GenerateSql({ params: [DummyValue.UUID] })
  listByProject(em: EntityManager, projectId: string): Promise<StatusReportEntity[]> {
    return em.find(StatusReportEntity, { where: { projectId }, order: { period: 'DESC' } });
  }

  /** Each project's report of its latest period. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  latestByProjects(em: EntityManager, projectIds: readonly string[]): Promise<StatusReportEntity[]> {
    return run(em, LATEST_REPORTS_OF_PROJECTS, [projectIds]);
  }

  /** The replaced versions of each report, latest first. */
  @GenerateSql({ params: [DummyValue.UUID_SET] })
  historyOf(em: EntityManager, reportIds: readonly string[]): Promise<StatusReportHistoryEntity[]> {
    return em.createQueryBuilder(StatusReportHistoryEntity, 'h').where('h.reportId = ANY(:reportIds)', { reportIds }).orderBy('h.id', 'DESC').getMany();
  }
}
